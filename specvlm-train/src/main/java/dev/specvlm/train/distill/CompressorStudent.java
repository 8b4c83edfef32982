package dev.specvlm.train.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.onnx.ModelManifest;
import dev.specvlm.onnx.graph.OnnxFileWriter;
import dev.specvlm.onnx.graph.WeightStorage;
import dev.specvlm.onnx.reference.CompressorWeightNames;
import dev.specvlm.onnx.reference.CompressorWriter;
import dev.specvlm.train.export.DraftShape;
import dev.specvlm.train.export.ModelFolderExport;
import dev.specvlm.onnx.reference.WriterOptions;
import dev.specvlm.train.nn.CompressorNet;
import dev.specvlm.train.nn.DraftNet;
import dev.specvlm.train.nn.OwnedArrays;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The draft's inputs through the elastic visual compressor during distillation, with the same rule as the engine's
 * {@code DraftInputBuilder} (docs/compressor.md): the rows whose next element is a visual slot, {@code [max(s−1, 0),
 * s+N−1)}, are replaced by the chosen branch's rows (a span the branch would not shorten stays as is), the draft
 * reads the result at compact positions, and every later row — the loss rows included — moves up by Δ while still
 * predicting the same target position.
 *
 * <p>Select mode: the gate reads the mean of the teacher's features over the question (the text after the image, up
 * to the answer); a branch is sampled by Gumbel-softmax (temperature τ) and its rows are scaled by the
 * straight-through factor {@code 1 + y_k − value(y_k)} (value 1, gradient to the gate). Weighted mode: prune r,
 * pool r and conv r mixed by the weighted gate's softmax. Not thread-safe.
 */
final class CompressorStudent {
  private final CompressorTraining config;
  private final int hidden;
  private final int imageToken;
  private final long seed;

  /**
   * @param imageToken the id of the target's visual slots in a teacher pass
   * @param seed the seed of the Gumbel noise (conversation {@code i} of the run draws from {@code seed + i})
   */
  CompressorStudent(CompressorTraining config, int hidden, int imageToken, long seed) {
    this.config = config;
    this.hidden = hidden;
    this.imageToken = imageToken;
    this.seed = seed;
  }

  /** The compressor's trainable parameter shapes. */
  Map<String, int[]> shapes() {
    return CompressorNet.shapes(hidden, config.branches(), config.weightedRatio());
  }

  /** Initial values of {@link #shapes()}. */
  Map<String, float[]> initial() {
    return CompressorNet.initial(shapes(), config.initStd(), seed);
  }

  /**
   * The draft rows of one teacher pass, compressed.
   *
   * @param next {@code [1, S, H]} draft rows on the input side (uncompressed)
   * @param conversation the conversation's index over the whole run (seeds the Gumbel noise; picks the mode)
   */
  Compressed compress(CompressorNet net, NDManager m, DraftInputs in, TeacherPass pass, long conversation) {
    int s = in.rows();
    NDArray next = constant(m, in.nextEmbeds()).reshape(s, hidden);
    NDArray features = constant(m, in.features()).reshape(s, hidden);
    int[] span = visualSpan(pass);
    int from = Math.max(span[0] - 1, 0);
    int to = span[1] - 1;
    int rows = to - from;
    if (rows < 1) {
      return new Compressed(next.expandDims(0), features.expandDims(0), in.lossRows(), "none", 0);
    }
    NDArray pairs = next.concat(features, 1); // [S, 2H]: [E[j+1] ‖ f_j]
    NDArray z = pairs.get(new NDIndex("{}:{}", from, to));
    NDArray question = constant(m, gateInput(pass.features(), hidden, span, pass.answerStart())).reshape(1, hidden);
    NDArray compressed;
    String name;
    int out;
    if (config.weightedAt(conversation)) {
      int r = config.weightedRatio();
      out = (rows + r - 1) / r;
      name = "weighted" + r;
      if (out >= rows) {
        compressed = z;
        out = rows;
      } else {
        NDArray w = net.weightedGate(question).softmax(0);
        compressed = net.branch(new CompressorBranch(CompressorBranch.Kind.PRUNE, r), z).mul(w.get(0))
            .add(net.branch(new CompressorBranch(CompressorBranch.Kind.POOL, r), z).mul(w.get(1)))
            .add(net.branch(new CompressorBranch(CompressorBranch.Kind.CONV, r), z).mul(w.get(2)));
      }
    } else {
      NDArray logits = net.gate(question);
      Random random = new Random(seed + conversation);
      float[] noise = new float[config.branches().size()];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (float) -Math.log(-Math.log(Math.max(1e-20, random.nextDouble())));
      }
      NDArray soft = logits.add(constant(m, noise)).div(OwnedArrays.scalar(m, config.gumbelTemperature())).softmax(0);
      float[] y = soft.stopGradient().duplicate().toFloatArray(); // read a copy: soft is saved for the backward pass
      int k = 0;
      for (int i = 1; i < y.length; i++) {
        k = y[i] > y[k] ? i : k;
      }
      CompressorBranch branch = config.branches().get(k);
      name = branch.name();
      out = branch.outputTokens(rows);
      if (out >= rows) {
        compressed = z;
        out = rows;
      } else if (out == 0) {
        compressed = null;
      } else {
        float[] onehot = new float[y.length];
        onehot[k] = 1;
        NDArray yk = soft.mul(constant(m, onehot)).sum(); // straight-through: 1 + y_k − value(y_k) is 1, its gradient y_k's
        compressed = net.branch(branch, z).mul(yk.add(1 - y[k]));
      }
    }
    int delta = rows - out;
    NDList parts = new NDList();
    if (from > 0) {
      parts.add(pairs.get(new NDIndex("0:{}", from)));
    }
    if (compressed != null) {
      parts.add(compressed);
    }
    if (to < s) {
      parts.add(pairs.get(new NDIndex("{}:", to)));
    }
    NDArray joined = NDArrays.concat(parts, 0); // [S − Δ, 2H]
    int[] lossRows = in.lossRows().clone();
    for (int i = 0; i < lossRows.length; i++) {
      if (lossRows[i] < to) {
        throw new IllegalStateException("loss row " + lossRows[i] + " lies inside the visual span rows [" + from
            + ", " + to + "); answers follow the image");
      }
      lossRows[i] -= delta;
    }
    NDArray nextOut = joined.get(new NDIndex(":, 0:{}", hidden)).expandDims(0);
    NDArray featuresOut = joined.get(new NDIndex(":, {}:", hidden)).expandDims(0);
    return new Compressed(nextOut, featuresOut, lossRows, name, delta);
  }

  /**
   * The compressed draft rows of one pass.
   *
   * @param next {@code [1, S − Δ, H]}
   * @param features {@code [1, S − Δ, H]}
   * @param lossRows the loss rows in the compressed draft ({@code targetPositions} are unchanged)
   * @param branch the branch used (or {@code weighted<r>}, or {@code none} without visual rows)
   * @param delta Δ
   */
  record Compressed(NDArray next, NDArray features, int[] lossRows, String branch, int delta) {}

  /** {@code values} as an array the autograd graph may keep ({@link OwnedArrays#owned}). */
  private static NDArray constant(NDManager m, float[] values) {
    return OwnedArrays.owned(m.create(values));
  }

  /**
   * The gate's input {@code [H]}, by the engine's rule: the mean of the question's rows (after the image, before the
   * answer); with no text after the image, the mean of the text rows before it; for an image alone, its last slot.
   */
  static float[] gateInput(float[] features, int hidden, int[] span, int answerStart) {
    if (span[1] < answerStart) {
      return meanRow(features, hidden, span[1], answerStart);
    }
    if (span[0] > 0) {
      return meanRow(features, hidden, 0, span[0]);
    }
    return meanRow(features, hidden, answerStart - 1, answerStart);
  }

  /** The mean of rows {@code [from, to)} of {@code features [.., H]}. */
  private static float[] meanRow(float[] features, int hidden, int from, int to) {
    double[] sum = new double[hidden];
    for (int r = from; r < to; r++) {
      for (int j = 0; j < hidden; j++) {
        sum[j] += features[r * hidden + j];
      }
    }
    float[] mean = new float[hidden];
    for (int j = 0; j < hidden; j++) {
      mean[j] = (float) (sum[j] / (to - from));
    }
    return mean;
  }

  /** The image's slots {@code [start, end)} in a teacher pass ({@code [0, 0)} without an image). */
  int[] visualSpan(TeacherPass pass) {
    int[] tokens = pass.tokens();
    int start = -1;
    int end = -1;
    for (int i = 0; i < pass.answerStart(); i++) {
      if (tokens[i] == imageToken) {
        if (start < 0) {
          start = i;
        } else if (end >= 0) {
          throw new IllegalStateException("teacher pass has two images; the trainer compresses one visual span");
        }
      } else if (start >= 0 && end < 0) {
        end = i;
      }
    }
    return start < 0 ? new int[] {0, 0} : new int[] {start, end < 0 ? pass.answerStart() : end};
  }

  /**
   * Writes the compressor into model folder {@code dir}: the jointly trained draft as {@link
   * CompressorTraining#draftFile()}, the learned branches and gates as ONNX graphs (float32: the gate's arg max must
   * not move), and the manifest's {@code compressor} section. The folder's own draft is left as it is.
   *
   * @param weights {@code draft.*} and {@code compressor.*} by name
   */
  static void export(Path dir, CompressorTraining config, DraftShape shape, Map<String, float[]> weights,
      float[] lmHead, WriterOptions draftOptions) {
    int hidden = shape.hidden();
    ModelFolderExport.writeDraftGraph(dir.resolve(config.draftFile()), shape, weights, lmHead, draftOptions);
    List<ModelManifest.Branch> branches = new ArrayList<>();
    int c = 2 * hidden;
    for (CompressorBranch b : config.branches()) {
      String file = null;
      if (b.learned()) {
        file = "compressor-" + b.name() + ".onnx";
        var graph = b.kind() == CompressorBranch.Kind.CONV
            ? CompressorWriter.conv(c, b.size(), weights, WeightStorage.FLOAT32)
            : CompressorWriter.resampler(c, b.size(), config.resamplerHeads(), weights, WeightStorage.FLOAT32);
        OnnxFileWriter.write(graph, dir.resolve(file), -1);
      }
      branches.add(new ModelManifest.Branch(b, file));
    }
    OnnxFileWriter.write(CompressorWriter.gate(hidden, config.branches().size(), CompressorWeightNames.GATE, weights,
        WeightStorage.FLOAT32), dir.resolve("compressor-gate.onnx"), -1);
    ModelManifest.Weighted weighted = null;
    if (config.weightedRatio() > 0) {
      OnnxFileWriter.write(CompressorWriter.gate(hidden, 3, CompressorWeightNames.WEIGHTED_GATE, weights,
          WeightStorage.FLOAT32), dir.resolve("compressor-gate-weighted.onnx"), -1);
      weighted = new ModelManifest.Weighted(config.weightedRatio(), "compressor-gate-weighted.onnx");
    }
    ModelManifest m = ModelManifest.read(dir);
    ModelManifest.Compressor compressor = new ModelManifest.Compressor(branches, "compressor-gate.onnx", weighted,
        new ModelManifest.Transformer(config.draftFile(), 1, shape.numKvHeads(), shape.headDim()));
    ModelFolderExport.writeManifest(dir, new ModelManifest(m.name(), m.sizes(), m.tokenizer(), m.embed(), m.decoder(),
        m.draft(), m.vision(), m.tokens(), m.chatTemplate(), compressor));
  }
}
