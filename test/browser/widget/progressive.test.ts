/**
 * ProgressiveChunks, the controller that renders a long thread chunk by chunk, driven by a
 * host that records its updates: a long list's first tree is built in a task of its own
 * (so building it and rendering the first chunk are never one long task), a short one at once.
 */
import { expect } from '@open-wc/testing'
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { ProgressiveChunks } from '../../../src/widget/comment-list/progressive.js'
import { comment } from '../helpers/comments.js'
import { nextTask } from '../helpers/wait.js'

class RecordingHost implements ReactiveControllerHost {
  updates = 0
  addController(_: ReactiveController): void {}
  removeController(_: ReactiveController): void {}
  requestUpdate(): void {
    this.updates++
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true)
  }
}

const thread = (n: number) => Array.from({ length: n }, (_, i) => comment(`p${i}`))

describe('ProgressiveChunks', () => {
  it('builds the chunks of a short list at once', () => {
    const host = new RecordingHost()
    const progressive = new ProgressiveChunks(host)
    const chunks = progressive.chunksOf(thread(1000), 5, 'oldest')
    expect(chunks?.length).to.equal(25)
    expect(progressive.pending).to.equal(false)
  })

  it('builds the first tree of a long list in a task of its own, then asks the host to update', async () => {
    const host = new RecordingHost()
    const progressive = new ProgressiveChunks(host)
    const comments = thread(1500)
    expect(progressive.chunksOf(comments, 5, 'oldest')).to.equal(null)
    expect(progressive.pending).to.equal(true)
    // Asked again before the task ran (another render): still building, no second task.
    expect(progressive.chunksOf(comments, 5, 'oldest')).to.equal(null)
    await nextTask()
    // Built, but the host renders it in a task of its own.
    expect(host.updates).to.equal(0)
    expect(progressive.pending).to.equal(true)
    await nextTask()
    expect(host.updates).to.equal(1)
    expect(progressive.pending).to.equal(false)
    const chunks = progressive.chunksOf(comments, 5, 'oldest')
    expect(chunks?.length).to.equal(38)
    expect(chunks?.flatMap((c) => c.comments).length).to.equal(1500)
  })

  it('rebuilds a long list at once once it has chunks (a new comment must not bring the skeleton back)', async () => {
    const host = new RecordingHost()
    const progressive = new ProgressiveChunks(host)
    const comments = thread(1500)
    progressive.chunksOf(comments, 5, 'oldest')
    await nextTask()
    await nextTask()
    const more = [...comments, comment('new')]
    expect(progressive.chunksOf(more, 5, 'oldest')?.at(-1)?.comments.at(-1)?.id).to.equal('new')
  })

  it('forgets the pending build on reset (another thread)', async () => {
    const host = new RecordingHost()
    const progressive = new ProgressiveChunks(host)
    progressive.chunksOf(thread(1500), 5, 'oldest')
    progressive.reset()
    await nextTask()
    expect(host.updates).to.equal(0)
    expect(progressive.pending).to.equal(false)
  })
})
