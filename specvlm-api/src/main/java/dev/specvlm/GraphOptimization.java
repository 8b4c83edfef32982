package dev.specvlm;

/** How much the backend may rewrite model graphs when it loads them (ONNX Runtime's graph optimization levels). */
public enum GraphOptimization {
  /** No rewriting. */
  NONE,
  /** Constant folding and redundant-node removal. */
  BASIC,
  /** Basic plus operator fusions. */
  EXTENDED,
  /** Every optimization, including layout changes. The default. */
  ALL
}
