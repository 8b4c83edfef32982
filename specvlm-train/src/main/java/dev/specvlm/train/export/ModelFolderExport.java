package dev.specvlm.train.export;

import static dev.specvlm.onnx.reference.TensorNames.*;
import static dev.specvlm.onnx.reference.WeightNames.*;

import dev.specvlm.onnx.ModelManifest;
import dev.specvlm.onnx.graph.OnnxFileWriter;
import dev.specvlm.onnx.image.ImageSettings;
import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.onnx.reference.ReferenceModelWriter;
import dev.specvlm.onnx.reference.ReferenceWeights;
import dev.specvlm.onnx.reference.WriterOptions;
import dev.specvlm.train.data.ConversationFormat;
import dev.specvlm.train.data.SpecialTokens;
import dev.specvlm.train.data.TokenizerJsonWriter;
import dev.specvlm.train.data.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes model folders: a whole reference VLM (four graphs, {@code tokenizer.json}, {@code specvlm.json}) or just a
 * new draft head into an existing folder.
 */
public final class ModelFolderExport {
  /** The tokenizer file name in a folder. */
  public static final String TOKENIZER_FILE = "tokenizer.json";

  private ModelFolderExport() {}

  /**
   * Writes a complete model folder for the bundled vocabulary: the four reference graphs of {@code weights}, the
   * tokenizer and the manifest (special tokens and chat template of {@link ConversationFormat}).
   *
   * @return the manifest written
   */
  public static ModelManifest writeReferenceModel(Path dir, String name, ReferenceWeights weights,
      Vocabulary vocabulary, ImageSettings image, WriterOptions options) {
    ReferenceConfig c = weights.config();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create model folder " + dir, e);
    }
    ReferenceModelWriter.writeAll(dir, weights, options);
    TokenizerJsonWriter.write(vocabulary, dir.resolve(TOKENIZER_FILE));
    ModelManifest manifest = new ModelManifest(name,
        new ModelManifest.Sizes(c.hiddenSize(), c.vocabSize(), c.contextLength()), TOKENIZER_FILE, EMBED_FILE,
        new ModelManifest.Transformer(DECODER_FILE, c.numLayers(), c.numKvHeads(), c.headDim()),
        new ModelManifest.Transformer(DRAFT_FILE, 1, c.numKvHeads(), c.headDim()),
        new ModelManifest.Vision(VISION_FILE, image),
        new ModelManifest.SpecialTokens(List.of(SpecialTokens.EOS_ID), SpecialTokens.BOS_ID, SpecialTokens.IMAGE_ID),
        ConversationFormat.chatTemplate(), null);
    writeManifest(dir, manifest);
    return manifest;
  }

  /**
   * Writes {@code draft.onnx} from trained draft weights into {@code dir} (replacing it) and points the folder's
   * manifest at it.
   *
   * @param draftWeights {@code draft.fc.*} and {@code draft.layers.0.*} by name, shaped by {@code shape}
   * @param lmHead the target's LM head {@code [V, H]} (the draft file carries a copy)
   */
  public static void writeDraft(Path dir, DraftShape shape, Map<String, float[]> draftWeights, float[] lmHead,
      WriterOptions options) {
    writeDraftGraph(dir.resolve(DRAFT_FILE), shape, draftWeights, lmHead, options);
    ModelManifest m = ModelManifest.read(dir);
    writeManifest(dir, new ModelManifest(m.name(), m.sizes(), m.tokenizer(), m.embed(), m.decoder(),
        new ModelManifest.Transformer(DRAFT_FILE, 1, shape.numKvHeads(), shape.headDim()), m.vision(), m.tokens(),
        m.chatTemplate(), m.compressor()));
  }

  /**
   * Writes a draft graph from trained draft weights to {@code file} (replacing it), without touching the manifest
   * (e.g. the jointly trained draft a visual compressor names).
   *
   * @param draftWeights {@code draft.fc.*} and {@code draft.layers.0.*} by name (other names are ignored)
   */
  public static void writeDraftGraph(Path file, DraftShape shape, Map<String, float[]> draftWeights, float[] lmHead,
      WriterOptions options) {
    ReferenceConfig c = shape.referenceConfig();
    Map<String, float[]> all = new LinkedHashMap<>();
    ReferenceWeights.expectedShapes(c).forEach((name, dims) -> {
      if (name.startsWith("draft.")) {
        float[] v = draftWeights.get(name);
        if (v == null) {
          throw new IllegalArgumentException("draft weight " + name + " is missing");
        }
        all.put(name, v);
      } else if (name.equals(LM_HEAD)) {
        all.put(name, lmHead);
      } else {
        all.put(name, new float[size(dims)]); // not part of draft.onnx; the writer needs a complete set
      }
    });
    ReferenceWeights weights = ReferenceWeights.of(c, all);
    OnnxFileWriter.write(ReferenceModelWriter.draft(weights, options), file, options.externalDataThresholdBytes());
  }

  /** Writes {@code specvlm.json}. */
  public static void writeManifest(Path dir, ModelManifest manifest) {
    try {
      Files.writeString(dir.resolve(ModelManifest.FILE_NAME), manifest.toJson());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(ModelManifest.FILE_NAME), e);
    }
  }

  /** Copies every regular file of {@code from} into {@code to} (created if missing), replacing existing ones. */
  public static void copyFolder(Path from, Path to) {
    try {
      Files.createDirectories(to);
      try (var files = Files.list(from)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          if (Files.isRegularFile(f)) {
            Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy model folder " + from + " to " + to, e);
    }
  }

  private static int size(int[] dims) {
    int n = 1;
    for (int d : dims) {
      n *= d;
    }
    return n;
  }
}
