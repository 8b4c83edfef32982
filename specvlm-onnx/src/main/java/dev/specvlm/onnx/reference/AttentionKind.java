package dev.specvlm.onnx.reference;

/**
 * Which ONNX operators the graph writers use for attention. All three honour an arbitrary additive mask (tree masks,
 * masks that let a row see a later column) and grouped-query attention; they differ in speed and in execution
 * provider support. {@code docs/onnx-writer.md} records the measurements behind the default.
 */
public enum AttentionKind {
  /**
   * {@code com.microsoft.MultiHeadAttention} with the mask as {@code attention_bias} and the cache as its
   * {@code past_key}/{@code past_value} inputs (it returns the presents). Under grouped-query attention the op runs
   * with {@code numKvHeads} heads and the g query heads of each key/value head stacked as g blocks of query rows (the
   * mask repeated to match), so keys and values are never copied per query head. ONNX Runtime has CPU and CUDA
   * kernels for it; opset 21. The default.
   */
  MULTI_HEAD,
  /**
   * The standard opset-23 {@code Attention} op with {@code q_num_heads}/{@code kv_num_heads}, mask and past inputs.
   * Grouped-query attention is native. Opset 23 (IR 11); ONNX Runtime 1.24's CUDA kernel is not known to accept
   * {@code kv_num_heads < q_num_heads}, so prefer it on CPU only.
   */
  STANDARD,
  /**
   * Plain {@code MatMul}/{@code Softmax} with query heads grouped per key/value head (no repetition). Runs anywhere
   * ONNX runs; slower than the fused ops at long contexts. Opset 21.
   */
  PRIMITIVE
}
