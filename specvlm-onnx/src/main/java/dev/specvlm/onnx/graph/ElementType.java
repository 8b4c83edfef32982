package dev.specvlm.onnx.graph;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;

/** The element types the builder declares for graph inputs, outputs and initializers. */
public enum ElementType {
  /** 32-bit IEEE float. */
  FLOAT(DataType.FLOAT),
  /** 16-bit IEEE float (used for weight storage only). */
  FLOAT16(DataType.FLOAT16),
  /** 64-bit signed integer (token ids, positions, counts). */
  INT64(DataType.INT64),
  /** 32-bit signed integer. */
  INT32(DataType.INT32),
  /** Boolean. */
  BOOL(DataType.BOOL);

  private final DataType dataType;

  ElementType(DataType dataType) {
    this.dataType = dataType;
  }

  /** The ONNX protobuf data type. */
  public DataType dataType() {
    return dataType;
  }

  /** The {@code TensorProto.DataType} number, as attributes such as {@code Cast.to} expect. */
  public int onnxValue() {
    return dataType.getNumber();
  }
}
