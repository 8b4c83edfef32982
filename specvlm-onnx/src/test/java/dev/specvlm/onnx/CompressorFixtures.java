package dev.specvlm.onnx;

import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.core.testmodel.TestCompressor;
import dev.specvlm.onnx.graph.OnnxFileWriter;
import dev.specvlm.onnx.graph.WeightStorage;
import dev.specvlm.onnx.reference.CompressorWeightNames;
import dev.specvlm.onnx.reference.CompressorWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds an elastic visual compressor to a fixture folder: the learned branches and gates of a {@link TestCompressor}
 * (random weights, SpecVLM's default branches, a weighted gate of ratio 3) written by {@link CompressorWriter}, and
 * the manifest's compressor section. The engine's pure-Java {@link TestCompressor} computes the same functions, so
 * it is the parity reference of the written graphs.
 */
public final class CompressorFixtures {
  /** The jointly trained draft's file when a fixture ships one (a copy of the plain draft). */
  public static final String OWN_DRAFT = "draft-specvlm.onnx";

  private CompressorFixtures() {}

  /** The weights of {@code c}'s learned parts under {@link CompressorWeightNames}. */
  public static Map<String, float[]> weights(TestCompressor c) {
    Map<String, float[]> w = new LinkedHashMap<>();
    for (CompressorBranch b : c.branches()) {
      if (b.kind() == CompressorBranch.Kind.CONV) {
        w.put(CompressorWeightNames.of(b, "weight"), c.convWeight(b.size()));
        w.put(CompressorWeightNames.of(b, "bias"), c.convBias(b.size()));
      } else if (b.kind() == CompressorBranch.Kind.RESAMPLER) {
        w.put(CompressorWeightNames.of(b, CompressorWeightNames.QUERIES), c.queries(b.size()));
        for (int i = 0; i < 4; i++) {
          w.put(CompressorWeightNames.of(b, CompressorWeightNames.PROJECTIONS[i]), c.projection(b.size(), i));
        }
      }
    }
    w.put(CompressorWeightNames.weight(CompressorWeightNames.GATE), c.gateWeight());
    w.put(CompressorWeightNames.bias(CompressorWeightNames.GATE), c.gateBias());
    w.put(CompressorWeightNames.weight(CompressorWeightNames.WEIGHTED_GATE), c.weightedGateWeight());
    w.put(CompressorWeightNames.bias(CompressorWeightNames.WEIGHTED_GATE), c.weightedGateBias());
    return w;
  }

  /**
   * Writes the compressor of a {@link TestCompressor} with {@code seed} into fixture folder {@code dir} and adds it
   * to the manifest; with {@code ownDraft} the folder's draft is copied to {@link #OWN_DRAFT} and named as the
   * compressor's draft.
   *
   * @return the compressor the graphs compute
   */
  public static TestCompressor add(Path dir, long seed, boolean ownDraft) {
    ModelManifest m = ModelManifest.read(dir);
    int hidden = m.sizes().hidden();
    TestCompressor c = new TestCompressor(hidden, TestCompressor.defaultBranches(), 3, null, seed);
    Map<String, float[]> weights = weights(c);
    List<ModelManifest.Branch> branches = new ArrayList<>();
    for (CompressorBranch b : c.branches()) {
      String file = null;
      if (b.learned()) {
        file = "compressor-" + b.name() + ".onnx";
        var graph = b.kind() == CompressorBranch.Kind.CONV
            ? CompressorWriter.conv(2 * hidden, b.size(), weights, WeightStorage.FLOAT32)
            : CompressorWriter.resampler(2 * hidden, b.size(), TestCompressor.RESAMPLER_HEADS, weights,
                WeightStorage.FLOAT32);
        OnnxFileWriter.write(graph, dir.resolve(file), -1);
      }
      branches.add(new ModelManifest.Branch(b, file));
    }
    OnnxFileWriter.write(CompressorWriter.gate(hidden, c.branches().size(), CompressorWeightNames.GATE, weights,
        WeightStorage.FLOAT32), dir.resolve("compressor-gate.onnx"), -1);
    OnnxFileWriter.write(CompressorWriter.gate(hidden, 3, CompressorWeightNames.WEIGHTED_GATE, weights,
        WeightStorage.FLOAT32), dir.resolve("compressor-gate-weighted.onnx"), -1);
    ModelManifest.Transformer draft = null;
    try {
      if (ownDraft) {
        Files.copy(dir.resolve(m.draft().file()), dir.resolve(OWN_DRAFT), StandardCopyOption.REPLACE_EXISTING);
        draft = new ModelManifest.Transformer(OWN_DRAFT, m.draft().layers(), m.draft().kvHeads(),
            m.draft().headDim());
      }
      ModelManifest.Compressor compressor = new ModelManifest.Compressor(branches, "compressor-gate.onnx",
          new ModelManifest.Weighted(3, "compressor-gate-weighted.onnx"), draft);
      Files.writeString(dir.resolve(ModelManifest.FILE_NAME), new ModelManifest(m.name(), m.sizes(), m.tokenizer(),
          m.embed(), m.decoder(), m.draft(), m.vision(), m.tokens(), m.chatTemplate(), compressor).toJson());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return c;
  }
}
