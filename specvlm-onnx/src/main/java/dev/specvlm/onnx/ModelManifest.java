package dev.specvlm.onnx;

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
 * @param compressor the {@code "compressor"} section as JSON text, reserved for the elastic visual compressor; null
 *     when absent
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
    @Nullable String compressor) {

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
