package dev.specvlm.onnx;

import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.core.model.ModelSpec;
import dev.specvlm.onnx.image.ImageSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The contents of a model folder's {@code specvlm.json} (format {@value #FORMAT}), as immutable values. File paths
 * are relative to the folder. See {@code docs/model-folder.md} for the JSON layout and the tensor contract of each
 * file.
 *
 * @param name a human-readable model name
 * @param sizes sizes shared by every file
 * @param tokenizer the Hugging Face {@code tokenizer.json}
 * @param embed the token embedder graph
 * @param decoder the target decoder graph and its KV layout
 * @param draft the draft head graph and its KV layout, or null for a model without one (autoregressive only)
 * @param vision the vision encoder graph and its image settings, or null for a text-only model
 * @param tokens special token ids
 * @param chatTemplate text placed around a prompt that asks for the template, or null for none
 * @param compressor the elastic visual compressor (branches, gates, its jointly trained draft), or null for a model
 *     whose draft always sees every visual token (EagleVLM)
 */
public record ModelManifest(
    String name,
    Sizes sizes,
    String tokenizer,
    String embed,
    Transformer decoder,
    @Nullable Transformer draft,
    @Nullable Vision vision,
    SpecialTokens tokens,
    ModelSpec.@Nullable ChatTemplate chatTemplate,
    @Nullable Compressor compressor) {

  /** The manifest format this version of specvlm reads and writes. */
  public static final String FORMAT = "specvlm/1";

  /** The manifest's file name inside a model folder. */
  public static final String FILE_NAME = "specvlm.json";

  /** Validates the values against each other. */
  public ModelManifest {
    requireText(name, "name");
    Objects.requireNonNull(sizes, "sizes");
    requireText(tokenizer, "tokenizer");
    requireText(embed, "embed");
    Objects.requireNonNull(decoder, "decoder");
    Objects.requireNonNull(tokens, "tokens");
    for (int id : tokens.eos()) {
      checkTokenId("tokens.eos", id, sizes.vocab());
    }
    if (tokens.bos() != null) {
      checkTokenId("tokens.bos", tokens.bos(), sizes.vocab());
    }
    if (tokens.image() != null) {
      checkTokenId("tokens.image", tokens.image(), sizes.vocab());
    }
    if (vision != null && tokens.image() == null) {
      throw new IllegalArgumentException("tokens.image is required when a vision encoder is present: give the id"
          + " recorded for each visual slot (e.g. the tokenizer's <image> token)");
    }
    if (compressor != null && vision == null) {
      throw new IllegalArgumentException("'compressor' compresses visual tokens but the model has no 'vision' section;"
          + " remove the compressor or add the vision encoder");
    }
    if (compressor != null && draft == null && compressor.draft() == null) {
      throw new IllegalArgumentException("'compressor' needs a draft head: give 'draft' or 'compressor.draft'");
    }
  }

  /** Reads and validates {@code folder/specvlm.json}. */
  public static ModelManifest read(Path folder) {
    return ManifestReader.read(folder);
  }

  /** This manifest as {@code specvlm.json} text (pretty-printed, with {@code "format": "specvlm/1"}). */
  public String toJson() {
    return ManifestWriter.toJson(this);
  }

  /** The sizes and special tokens the engine sees. */
  public ModelSpec toSpec() {
    return new ModelSpec(name, sizes.vocab(), sizes.hidden(), sizes.contextLength(), tokens.eos(), tokens.bos(),
        tokens.image(), chatTemplate);
  }

  private static void checkTokenId(String field, int id, int vocab) {
    if (id < 0 || id >= vocab) {
      throw new IllegalArgumentException(field + " = " + id + " is outside the vocabulary [0, " + vocab + ")");
    }
  }

  static void requireText(@Nullable String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must be a non-empty string");
    }
  }

  static void requirePositive(int value, String field) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be >= 1, got " + value);
    }
  }

  /**
   * Sizes every file of the model shares.
   *
   * @param hidden H, the width of embeddings, target features and visual embeddings
   * @param vocab V, the vocabulary of target and draft (the tokenizer may use fewer ids)
   * @param contextLength the most positions a target KV cache may hold
   */
  public record Sizes(int hidden, int vocab, int contextLength) {
    /** Validates. */
    public Sizes {
      requirePositive(hidden, "sizes.hidden");
      if (vocab < 2) {
        throw new IllegalArgumentException("sizes.vocab must be >= 2, got " + vocab);
      }
      if (contextLength < 2) {
        throw new IllegalArgumentException("sizes.contextLength must be >= 2, got " + contextLength);
      }
    }
  }

  /**
   * A decoder graph (target or draft) and the layout of its KV cache: {@code layers} pairs of inputs
   * {@code past_key_values.{i}.key/value} shaped {@code [1, kvHeads, past, headDim]}.
   *
   * @param file the ONNX file
   * @param layers transformer layers (KV pairs)
   * @param kvHeads key/value heads per layer
   * @param headDim the width of one head
   */
  public record Transformer(String file, int layers, int kvHeads, int headDim) {
    /** Validates. */
    public Transformer {
      requireText(file, "file");
      requirePositive(layers, "layers");
      requirePositive(kvHeads, "kvHeads");
      requirePositive(headDim, "headDim");
    }
  }

  /**
   * The vision encoder graph and how its images are prepared.
   *
   * @param file the ONNX file
   * @param image preprocessing settings
   */
  public record Vision(String file, ImageSettings image) {
    /** Validates. */
    public Vision {
      requireText(file, "vision.file");
      Objects.requireNonNull(image, "image");
    }
  }

  /**
   * The elastic visual compressor (docs/compressor.md): its branches, the gate that picks one per request, an optional
   * weighted gate, and the draft trained jointly with it. Files are relative to the folder.
   *
   * @param branches the branches in the order of the gate's logits, at least one, names distinct
   * @param gate the gate's ONNX file ({@code question_features [1, q, H]} → {@code gate_logits [1, E]}); may be null
   *     only with a single branch
   * @param weighted the weighted gate mixing prune, pool and conv of one ratio, or null
   * @param draft the draft head trained jointly with the compressor (same contract as {@code draft}), used whenever
   *     visual tokens are compressed; null to use {@code draft} for those requests too
   */
  public record Compressor(List<Branch> branches, @Nullable String gate, @Nullable Weighted weighted,
      @Nullable Transformer draft) {
    /** Validates and copies. */
    public Compressor {
      branches = List.copyOf(branches);
      if (branches.isEmpty()) {
        throw new IllegalArgumentException("compressor.branches needs at least one branch");
      }
      java.util.Set<String> names = new java.util.HashSet<>();
      for (Branch b : branches) {
        if (!names.add(b.branch().name())) {
          throw new IllegalArgumentException("compressor.branches lists " + b.branch() + " twice; each branch once");
        }
      }
      if (gate == null && branches.size() > 1) {
        throw new IllegalArgumentException("compressor.gate is required with " + branches.size() + " branches: it"
            + " picks one per request");
      }
      if (gate != null) {
        requireText(gate, "compressor.gate");
      }
      if (weighted != null) {
        CompressorBranch conv = new CompressorBranch(CompressorBranch.Kind.CONV, weighted.ratio());
        if (branches.stream().noneMatch(b -> b.branch().equals(conv))) {
          throw new IllegalArgumentException("compressor.weighted.ratio " + weighted.ratio() + " mixes prune, pool"
              + " and " + conv + ", but branches has no " + conv + "; add it or change the ratio");
        }
      }
    }

    /** The branches' {@link CompressorBranch} values, in gate order. */
    public List<CompressorBranch> branchList() {
      return branches.stream().map(Branch::branch).toList();
    }
  }

  /**
   * One compressor branch: {@code {"kind": "pool", "ratio": 20}}, {@code {"kind": "conv", "ratio": 3, "file": …}},
   * {@code {"kind": "resampler", "queries": 2, "file": …}}, {@code {"kind": "text-only"}}.
   *
   * @param branch kind and size
   * @param file the ONNX file of a learned branch ({@code visual_pairs [1, n, 2H]} → {@code compressed_pairs
   *     [1, m, 2H]}); null for prune, pool and text-only, which need no weights
   */
  public record Branch(CompressorBranch branch, @Nullable String file) {
    /** Validates. */
    public Branch {
      Objects.requireNonNull(branch, "branch");
      if (branch.learned()) {
        requireText(file, "compressor branch " + branch + ": file");
      } else if (file != null) {
        throw new IllegalArgumentException("compressor branch " + branch + " has no weights, so it takes no 'file'");
      }
    }
  }

  /**
   * The weighted mode's gate.
   *
   * @param ratio r: the mixture is of prune r, pool r and conv r (a {@code conv<r>} branch must exist)
   * @param gate the gate's ONNX file, three logits in the order prune, pool, conv
   */
  public record Weighted(int ratio, String gate) {
    /** Validates. */
    public Weighted {
      requirePositive(ratio, "compressor.weighted.ratio");
      requireText(gate, "compressor.weighted.gate");
    }
  }

  /**
   * Special token ids.
   *
   * @param eos end-of-sequence ids (at least one)
   * @param bos a token put before every prompt, or null for none
   * @param image the id recorded for each visual slot, or null for a text-only model
   */
  public record SpecialTokens(List<Integer> eos, @Nullable Integer bos, @Nullable Integer image) {
    /** Validates and copies. */
    public SpecialTokens {
      eos = List.copyOf(eos);
      if (eos.isEmpty()) {
        throw new IllegalArgumentException("tokens.eos needs at least one end-of-sequence id");
      }
    }
  }
}
