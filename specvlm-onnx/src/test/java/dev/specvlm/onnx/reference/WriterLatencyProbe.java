package dev.specvlm.onnx.reference;

import static dev.specvlm.onnx.reference.TensorNames.*;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Measures per-call latency of the written decoder and draft (not a test: run by hand, see docs/onnx-writer.md).
 * Interleaves decoder and draft calls and reports medians and the median of per-pair draft/decoder ratios.
 *
 * <pre>mvn -q -pl specvlm-onnx -am test-compile && java -cp ... dev.specvlm.onnx.reference.WriterLatencyProbe [threads] [past]</pre>
 */
public final class WriterLatencyProbe {
  private WriterLatencyProbe() {}

  /** The size the brief asks about: hidden 384, 16 layers, ffn 1024, vocab 3000, 6 heads over 2 KV heads. */
  static final ReferenceConfig CONFIG = ReferenceConfig.builder()
      .hiddenSize(384).numLayers(16).numHeads(6).numKvHeads(2).headDim(64).ffnSize(1024).vocabSize(3000)
      .contextLength(2048).build();

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int past = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    ReferenceWeights weights = ReferenceWeights.random(CONFIG, 1);
    Path dir = Files.createTempDirectory("specvlm-probe");
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try {
      if (args.length > 3 && args[3].equals("kinds")) {
        compareKinds(env, weights, dir, threads, past, reps);
      } else {
        compareDraftWithDecoder(env, weights, dir, threads, past, reps);
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }

  /** Interleaves decoder and draft calls per attention kind; medians and per-pair ratios. */
  private static void compareDraftWithDecoder(OrtEnvironment env, ReferenceWeights weights, Path dir, int threads,
      int past, int reps) throws Exception {
    for (AttentionKind kind : AttentionKind.values()) {
      WriterOptions options = WriterOptions.defaults().withAttention(kind);
      Path decoderFile = dir.resolve(kind + "-" + DECODER_FILE);
      Path draftFile = dir.resolve(kind + "-" + DRAFT_FILE);
      dev.specvlm.onnx.graph.OnnxFileWriter.write(ReferenceModelWriter.decoder(weights, options), decoderFile);
      dev.specvlm.onnx.graph.OnnxFileWriter.write(ReferenceModelWriter.draft(weights, options), draftFile);
      try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
        so.setIntraOpNumThreads(threads);
        so.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        try (OrtSession decoder = env.createSession(decoderFile.toString(), so);
            OrtSession draft = env.createSession(draftFile.toString(), so)) {
          for (int q : new int[] {1, 8}) {
            Map<String, OnnxTensor> dIn = inputs(env, CONFIG.numLayers(), q, past, false);
            Map<String, OnnxTensor> eIn = inputs(env, 1, q, past, true);
            double[] dt = new double[reps];
            double[] et = new double[reps];
            double[] ratio = new double[reps];
            for (int i = -20; i < reps; i++) { // 20 warm-up pairs
              long t0 = System.nanoTime();
              decoder.run(dIn).close();
              long t1 = System.nanoTime();
              draft.run(eIn).close();
              long t2 = System.nanoTime();
              if (i >= 0) {
                dt[i] = (t1 - t0) / 1e6;
                et[i] = (t2 - t1) / 1e6;
                ratio[i] = et[i] / dt[i];
              }
            }
            System.out.printf("%-10s threads=%d past=%d q=%d  decoder %.3f ms  draft %.3f ms  draft/decoder %.3f%n",
                kind, threads, past, q, median(dt), median(et), median(ratio));
            dIn.values().forEach(OnnxTensor::close);
            eIn.values().forEach(OnnxTensor::close);
          }
          if (kind == AttentionKind.MULTI_HEAD) {
            prefill(env, decoder, 1000);
          }
        }
      }
    }
  }

  /** Interleaves decoder calls of the three attention kinds; medians and per-round ratios to MULTI_HEAD. */
  private static void compareKinds(OrtEnvironment env, ReferenceWeights weights, Path dir, int threads, int past,
      int reps) throws Exception {
    AttentionKind[] kinds = AttentionKind.values();
    OrtSession[] sessions = new OrtSession[kinds.length];
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
      so.setIntraOpNumThreads(threads);
      so.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      for (int k = 0; k < kinds.length; k++) {
        Path file = dir.resolve(kinds[k] + "-" + DECODER_FILE);
        dev.specvlm.onnx.graph.OnnxFileWriter.write(
            ReferenceModelWriter.decoder(weights, WriterOptions.defaults().withAttention(kinds[k])), file);
        sessions[k] = env.createSession(file.toString(), so);
      }
      for (int q : new int[] {1, 8}) {
        Map<String, OnnxTensor> in = inputs(env, CONFIG.numLayers(), q, past, false);
        double[][] t = new double[kinds.length][reps];
        for (int i = -20; i < reps; i++) {
          for (int k = 0; k < kinds.length; k++) {
            long t0 = System.nanoTime();
            sessions[k].run(in).close();
            if (i >= 0) {
              t[k][i] = (System.nanoTime() - t0) / 1e6;
            }
          }
        }
        for (int k = 0; k < kinds.length; k++) {
          double[] ratio = new double[reps];
          for (int i = 0; i < reps; i++) {
            ratio[i] = t[k][i] / t[0][i];
          }
          System.out.printf("decoder %-10s threads=%d past=%d q=%d  %.3f ms  vs %s %.3f%n",
              kinds[k], threads, past, q, median(t[k]), kinds[0], median(ratio));
        }
        in.values().forEach(OnnxTensor::close);
      }
    } finally {
      for (OrtSession s : sessions) {
        if (s != null) {
          s.close();
        }
      }
    }
  }

  /** Prefill of {@code q} positions keeping 1 logit row vs all rows. */
  private static void prefill(OrtEnvironment env, OrtSession decoder, int q) throws Exception {
    for (long keep : new long[] {1, 0}) {
      Map<String, OnnxTensor> in = inputs(env, CONFIG.numLayers(), q, 0, false);
      in.put(NUM_LOGITS_TO_KEEP, OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {keep}), new long[] {1}));
      double[] t = new double[5];
      for (int i = -1; i < t.length; i++) {
        long t0 = System.nanoTime();
        decoder.run(in).close();
        if (i >= 0) {
          t[i] = (System.nanoTime() - t0) / 1e6;
        }
      }
      System.out.printf("prefill q=%d num_logits_to_keep=%d: %.1f ms%n", q, keep, median(t));
      in.values().forEach(OnnxTensor::close);
    }
  }

  private static Map<String, OnnxTensor> inputs(OrtEnvironment env, int layers, int q, int past, boolean draft)
      throws Exception {
    Random random = new Random(3);
    int h = CONFIG.hiddenSize();
    Map<String, OnnxTensor> in = new LinkedHashMap<>();
    in.put(INPUTS_EMBEDS, floats(env, random, 1, q, h));
    long[] positions = new long[q];
    Arrays.fill(positions, past);
    in.put(POSITION_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(positions), new long[] {1, q}));
    in.put(ATTENTION_MASK, OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[q * (past + q)]),
        new long[] {1, 1, q, past + q}));
    for (int i = 0; i < layers; i++) {
      in.put(pastKey(i), floats(env, random, 1, CONFIG.numKvHeads(), past, CONFIG.headDim()));
      in.put(pastValue(i), floats(env, random, 1, CONFIG.numKvHeads(), past, CONFIG.headDim()));
    }
    in.put(NUM_LOGITS_TO_KEEP, OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {q}), new long[] {1}));
    if (draft) {
      in.put(FEATURES, floats(env, random, 1, q, h));
      in.put(TOP_K, OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {8}), new long[] {1}));
    }
    return in;
  }

  private static OnnxTensor floats(OrtEnvironment env, Random random, long... shape) throws Exception {
    float[] v = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shape);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
