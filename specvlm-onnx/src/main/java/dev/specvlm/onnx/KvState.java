package dev.specvlm.onnx;

/**
 * What the target and draft states share: the step runner that owns the KV cache and step buffers, the model's
 * vocabulary and width, and closing. Not thread-safe.
 */
abstract class KvState implements AutoCloseable {
  final StepRunner step;
  final int vocab;
  final int hidden;

  KvState(StepRunner step, int vocab, int hidden) {
    this.step = step;
    this.vocab = vocab;
    this.hidden = hidden;
  }

  /** Bytes of KV cache this state holds (both buffer sets). */
  public long kvBytes() {
    return step.kv.bytes();
  }

  /** Releases this state's tensors; the direct buffers are freed with the object. Idempotent. */
  @Override
  public void close() {
    step.close();
  }
}
