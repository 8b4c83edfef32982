package dev.specvlm.onnx.graph;

/**
 * IEEE 754 binary16 conversions (Java 17 has no {@code Float.floatToFloat16}). Rounding is to nearest, ties to even,
 * as in numpy's {@code astype(float16)} and PyTorch's {@code .half()}.
 */
public final class Float16 {
  private Float16() {}

  /** The binary16 bit pattern nearest to {@code value}; overflow gives ±infinity, NaN stays NaN. */
  public static short toHalfBits(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int abs = bits & 0x7fff_ffff;
    if (abs >= 0x7f80_0000) { // infinity or NaN
      return (short) (sign | 0x7c00 | (abs > 0x7f80_0000 ? 0x0200 : 0));
    }
    if (abs >= 0x477f_f000) { // >= 65520 rounds to infinity
      return (short) (sign | 0x7c00);
    }
    if (abs >= 0x3880_0000) { // normal half: |value| >= 2^-14
      int half = (abs - 0x3800_0000) >>> 13; // re-bias the exponent by 127 - 15 = 112
      int rest = abs & 0x1fff;
      if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
        half++; // a carry into the exponent is the correct result
      }
      return (short) (sign | half);
    }
    if (abs < 0x3300_0000) { // below half of the smallest subnormal (2^-25): zero
      return (short) sign;
    }
    // subnormal half: m * 2^-24 with m = mantissa * 2^(exponent - 126)
    int exponent = abs >>> 23;
    int mantissa = (abs & 0x7f_ffff) | 0x80_0000;
    int shift = 126 - exponent; // 14..24
    int m = mantissa >>> shift;
    int rest = mantissa & ((1 << shift) - 1);
    int halfway = 1 << (shift - 1);
    if (rest > halfway || (rest == halfway && (m & 1) == 1)) {
      m++; // 1024 becomes the smallest normal, which is again the right bit pattern
    }
    return (short) (sign | m);
  }

  /** The float value of a binary16 bit pattern (exact). */
  public static float toFloat(short halfBits) {
    int h = halfBits & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f80_0000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  /** {@code value} rounded to the nearest binary16 value, as float. */
  public static float round(float value) {
    return toFloat(toHalfBits(value));
  }
}
