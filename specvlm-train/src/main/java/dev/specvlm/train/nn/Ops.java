package dev.specvlm.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.jspecify.annotations.Nullable;

/**
 * The operations of the reference architecture on DJL arrays, matching the ONNX graphs of
 * {@code dev.specvlm.onnx.reference.ReferenceModelWriter} operation for operation. Every method puts the activation
 * first so that results land in the activation's (per-step) manager, not in the parameters' manager.
 */
final class Ops {
  private Ops() {}

  /** {@code x · Wᵀ}: {@code x [.., in]}, {@code w [out, in]} → {@code [.., out]}. */
  static NDArray linear(NDArray x, NDArray w) {
    return x.matMul(w.transpose());
  }

  /** {@code x · Wᵀ + b}. */
  static NDArray linear(NDArray x, NDArray w, NDArray b) {
    return x.matMul(w.transpose()).add(b);
  }

  /** RMSNorm over the last axis: {@code x / sqrt(mean(x²) + eps) · w}. */
  static NDArray rmsNorm(NDArray x, NDArray w, double eps) {
    int last = x.getShape().dimension() - 1;
    NDArray rms = x.square().mean(new int[] {last}, true).add(eps).sqrt();
    return x.div(rms).mul(w);
  }

  /** LayerNorm over the last axis with weight and bias. */
  static NDArray layerNorm(NDArray x, NDArray w, NDArray b, double eps) {
    int last = x.getShape().dimension() - 1;
    NDArray centred = x.sub(x.mean(new int[] {last}, true));
    NDArray std = centred.square().mean(new int[] {last}, true).add(eps).sqrt();
    return centred.div(std).mul(w).add(b);
  }

  /** Exact GELU: {@code 0.5 · x · (1 + erf(x / √2))}. */
  static NDArray gelu(NDArray x) {
    return OwnedArrays.scaled(x.mul(OwnedArrays.scaled(x, 1 / Math.sqrt(2)).erf().add(1)), 0.5);
  }

  /** SiLU: {@code x · sigmoid(x)}. */
  static NDArray silu(NDArray x) {
    return x.mul(Activation.sigmoid(x));
  }

  /**
   * Rotate-half RoPE of {@code x [B, heads, S, hd]} with {@code cos, sin [S, hd]} (each half-table repeated twice
   * along the last axis): {@code x · cos + rotate_half(x) · sin}, {@code rotate_half([a, b]) = [-b, a]}.
   */
  static NDArray rope(NDArray x, NDArray cos, NDArray sin) {
    long hd = x.getShape().get(3);
    long half = hd / 2;
    NDArray first = x.get(new NDIndex(":, :, :, :{}", half));
    NDArray second = x.get(new NDIndex(":, :, :, {}:", half));
    NDArray rotated = second.neg().concat(first, 3);
    return x.mul(cos).add(rotated.mul(sin));
  }

  /** {@code [B, S, heads·dim]} → {@code [B, heads, S, dim]}. */
  static NDArray toHeads(NDArray x, int heads, int dim) {
    long b = x.getShape().get(0);
    long s = x.getShape().get(1);
    return x.reshape(b, s, heads, dim).transpose(0, 2, 1, 3);
  }

  /** {@code [B, heads, S, dim]} → {@code [B, S, heads·dim]}. */
  static NDArray fromHeads(NDArray x) {
    long b = x.getShape().get(0);
    long heads = x.getShape().get(1);
    long s = x.getShape().get(2);
    long dim = x.getShape().get(3);
    return x.transpose(0, 2, 1, 3).reshape(b, s, heads * dim);
  }

  /**
   * Scaled dot-product attention of {@code q [B, H, S, d]} over {@code k, v [B, kvH, T, d]} with an optional additive
   * {@code mask} broadcastable to {@code [B, H, S, T]}; query head {@code h} reads key/value head {@code h / (H/kvH)}
   * (Hugging Face {@code repeat_kv}). Returns {@code [B, H, S, d]}.
   */
  static NDArray attention(NDArray q, NDArray k, NDArray v, @Nullable NDArray mask) {
    long heads = q.getShape().get(1);
    long kvHeads = k.getShape().get(1);
    if (heads != kvHeads) {
      k = k.repeat(1, heads / kvHeads);
      v = v.repeat(1, heads / kvHeads);
    }
    double scale = 1 / Math.sqrt(q.getShape().get(3));
    NDArray scores = OwnedArrays.scaled(q.matMul(k.transpose(0, 1, 3, 2)), scale);
    if (mask != null) {
      scores = scores.add(mask);
    }
    return scores.softmax(3).matMul(v);
  }

  /** The additive value that hides a key: large enough that its softmax weight is exactly 0 in float32. */
  static final float MASKED = -1e9f;

  /** An additive causal mask {@code [S, S]}: 0 on and below the diagonal, {@link #MASKED} above. */
  static NDArray causalMask(NDManager manager, int s) {
    float[] mask = new float[s * s];
    for (int r = 0; r < s; r++) {
      for (int c = r + 1; c < s; c++) {
        mask[r * s + c] = MASKED;
      }
    }
    return manager.create(mask, new Shape(s, s));
  }
}
