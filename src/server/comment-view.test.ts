import assert from 'node:assert/strict'
import { test } from 'node:test'
import { shownRows, type VisibilityRow } from './comment-view.js'

const row = (id: string, parent: string | null, status: VisibilityRow['status'], token: string | null = null): VisibilityRow => ({
  id,
  parent_id: parent,
  status,
  edit_token_hash: token,
})

const shown = (rows: VisibilityRow[], tokens: string[] = []) => shownRows(rows, new Set(tokens)).map(({ row: r, own }) => `${r.id}${own ? '' : '*'}`)

test('shownRows: approved rows show; hidden ones only as placeholders (*) above something shown', () => {
  const rows = [row('a', null, 'approved'), row('b', 'a', 'spam'), row('c', 'b', 'approved'), row('d', 'a', 'deleted'), row('e', 'd', 'pending', 'h1')]
  assert.deepEqual(shown(rows), ['a', 'b*', 'c'])
  assert.deepEqual(shown(rows, ['h1']), ['a', 'b*', 'c', 'd*', 'e'], 'a pending reply shows to the holder of its token')
  assert.deepEqual(shown([row('x', null, 'deleted'), row('y', 'x', 'pending', 'h2')]), [], 'nothing shown below: left out')
})

test('shownRows: rows without their parent, and corrupt cycles, are left out', () => {
  const rows = [row('a', null, 'approved'), row('lost', 'gone', 'approved'), row('p', 'q', 'approved'), row('q', 'p', 'approved')]
  assert.deepEqual(shown(rows), ['a'])
})

test('shownRows: 100,000 levels deep without recursion, in linear time', () => {
  const rows = [row('n0', null, 'deleted')]
  for (let i = 1; i < 100_000; i++) rows.push(row(`n${i}`, `n${i - 1}`, i === 99_999 ? 'approved' : 'spam'))
  const started = performance.now()
  const result = shownRows(rows, new Set())
  assert.equal(result.length, 100_000)
  assert.equal(result.filter((r) => r.own).length, 1)
  assert.ok(performance.now() - started < 2000, 'a generous budget: the walk is linear')
})
