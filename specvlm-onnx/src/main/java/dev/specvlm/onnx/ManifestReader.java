package dev.specvlm.onnx;

import com.google.gson.JsonObject;
import dev.specvlm.ModelLoadException;
import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.core.model.ModelSpec;
import dev.specvlm.onnx.image.ImageSettings;
import dev.specvlm.onnx.image.Resample;
import dev.specvlm.onnx.image.ResizePolicy;
import dev.specvlm.onnx.image.Rgb;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads {@code specvlm.json} into a {@link ModelManifest}, refusing anything malformed with the field's path. */
final class ManifestReader {
  /** Manifests are small; anything above this is not a manifest. */
  static final long MAX_BYTES = 1 << 20;

  private static final Set<String> TOP = Set.of("format", "name", "sizes", "tokenizer", "embed", "decoder", "draft",
      "vision", "tokens", "chatTemplate", "compressor");
  private static final Set<String> SIZES = Set.of("hidden", "vocab", "contextLength");
  private static final Set<String> TRANSFORMER = Set.of("file", "layers", "kvHeads", "headDim");
  private static final Set<String> VISION = Set.of("file", "patchSize", "spatialMerge", "mean", "std", "minPixels",
      "maxPixels", "maxSide", "fixedSize", "resample", "maxInputPixels");
  private static final Set<String> TOKENS = Set.of("eos", "bos", "image");
  private static final Set<String> TEMPLATE = Set.of("prefix", "suffix");
  private static final Set<String> COMPRESSOR = Set.of("branches", "gate", "weighted", "draft");
  private static final Set<String> BRANCH = Set.of("kind", "ratio", "queries", "file");
  private static final Set<String> WEIGHTED = Set.of("ratio", "gate");

  private final JsonFields json;

  private ManifestReader(String file) {
    this.json = new JsonFields(file);
  }

  static ModelManifest read(Path folder) {
    return read(new ModelFolder(folder));
  }

  /** Reads the manifest of {@code folder}, resolved like every file it names (no link out, regular file only). */
  static ModelManifest read(ModelFolder folder) {
    Path file = folder.manifestFile();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) MAX_BYTES + 1); // bounded even if the file grows while it is read
    } catch (IOException e) {
      throw new ModelLoadException("cannot read " + file + ": " + e, e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new ModelLoadException(file + " is larger than " + MAX_BYTES + " bytes; a manifest is a small JSON file");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ModelLoadException(file + " is not UTF-8 text", e);
    }
    return new ManifestReader(folder.path().resolve(ModelManifest.FILE_NAME).toString()).parse(text);
  }

  /** Parses manifest text; {@code file} names it in messages. */
  static ModelManifest parse(String file, String text) {
    return new ManifestReader(file).parse(text);
  }

  private ModelManifest parse(String text) {
    JsonObject root = json.parseObject(text);
    checkFormat(root);
    json.checkKnown(root, "", TOP);
    String name = json.string(root, "", "name");
    JsonObject sizesJson = json.object(root, "", "sizes");
    json.checkKnown(sizesJson, "sizes", SIZES);
    var sizes = build("sizes", () -> new ModelManifest.Sizes(json.integer(sizesJson, "sizes", "hidden", 1),
        json.integer(sizesJson, "sizes", "vocab", 2), json.integer(sizesJson, "sizes", "contextLength", 2)));
    String tokenizer = json.string(root, "", "tokenizer");
    String embed = json.string(root, "", "embed");
    ModelManifest.Transformer decoder = transformer(json.object(root, "", "decoder"), "decoder");
    JsonObject draftJson = json.optionalObject(root, "", "draft");
    ModelManifest.Transformer draft = draftJson == null ? null : transformer(draftJson, "draft");
    JsonObject visionJson = json.optionalObject(root, "", "vision");
    ModelManifest.Vision vision = visionJson == null ? null : vision(visionJson);
    JsonObject tokensJson = json.object(root, "", "tokens");
    json.checkKnown(tokensJson, "tokens", TOKENS);
    var tokens = build("tokens", () -> new ModelManifest.SpecialTokens(
        json.integers(tokensJson, "tokens", "eos", 0, true), json.optionalInteger(tokensJson, "tokens", "bos", 0),
        json.optionalInteger(tokensJson, "tokens", "image", 0)));
    JsonObject templateJson = json.optionalObject(root, "", "chatTemplate");
    ModelSpec.ChatTemplate template = null;
    if (templateJson != null) {
      json.checkKnown(templateJson, "chatTemplate", TEMPLATE);
      template = new ModelSpec.ChatTemplate(json.string(templateJson, "chatTemplate", "prefix"),
          json.string(templateJson, "chatTemplate", "suffix"));
    }
    JsonObject compressorJson = json.optionalObject(root, "", "compressor");
    ModelManifest.Compressor compressor = compressorJson == null ? null : compressor(compressorJson);
    ModelSpec.ChatTemplate chatTemplate = template;
    return build("", () -> new ModelManifest(name, sizes, tokenizer, embed, decoder, draft, vision, tokens,
        chatTemplate, compressor));
  }

  private void checkFormat(JsonObject root) {
    String format = json.string(root, "", "format");
    if (!format.equals(ModelManifest.FORMAT)) {
      String problem = format.startsWith("specvlm/")
          ? "is \"" + format + "\", a format version this specvlm does not read (it reads \"" + ModelManifest.FORMAT
              + "\"); use a specvlm release that supports it or re-export the model"
          : "is \"" + format + "\"; a specvlm model folder declares \"format\": \"" + ModelManifest.FORMAT + "\"";
      throw json.invalid("format", problem);
    }
  }

  private ModelManifest.Transformer transformer(JsonObject o, String path) {
    json.checkKnown(o, path, TRANSFORMER);
    return build(path, () -> new ModelManifest.Transformer(json.string(o, path, "file"),
        json.integer(o, path, "layers", 1), json.integer(o, path, "kvHeads", 1), json.integer(o, path, "headDim", 1)));
  }

  private ModelManifest.Compressor compressor(JsonObject o) {
    String p = "compressor";
    json.checkKnown(o, p, COMPRESSOR);
    com.google.gson.JsonElement list = json.required(o, p, "branches", "a list of branch objects");
    if (!list.isJsonArray()) {
      throw json.wrongType(JsonFields.join(p, "branches"), "a list of branch objects", list);
    }
    List<ModelManifest.Branch> branches = new java.util.ArrayList<>();
    for (int i = 0; i < list.getAsJsonArray().size(); i++) {
      com.google.gson.JsonElement e = list.getAsJsonArray().get(i);
      String path = p + ".branches[" + i + "]";
      if (!e.isJsonObject()) {
        throw json.wrongType(path, "a branch object", e);
      }
      branches.add(branch(e.getAsJsonObject(), path));
    }
    String gate = json.optionalString(o, p, "gate");
    JsonObject weightedJson = json.optionalObject(o, p, "weighted");
    ModelManifest.Weighted weighted = null;
    if (weightedJson != null) {
      String w = p + ".weighted";
      json.checkKnown(weightedJson, w, WEIGHTED);
      weighted = build(w, () -> new ModelManifest.Weighted(json.integer(weightedJson, w, "ratio", 1),
          json.string(weightedJson, w, "gate")));
    }
    JsonObject draftJson = json.optionalObject(o, p, "draft");
    ModelManifest.Transformer draft = draftJson == null ? null : transformer(draftJson, p + ".draft");
    ModelManifest.Weighted mixture = weighted;
    return build(p, () -> new ModelManifest.Compressor(branches, gate, mixture, draft));
  }

  private ModelManifest.Branch branch(JsonObject o, String path) {
    json.checkKnown(o, path, BRANCH);
    String kindName = json.string(o, path, "kind");
    CompressorBranch.Kind kind = null;
    for (CompressorBranch.Kind k : CompressorBranch.Kind.values()) {
      if (k.prefix().equals(kindName)) {
        kind = k;
      }
    }
    if (kind == null) {
      throw json.invalid(JsonFields.join(path, "kind"), "must be \"prune\", \"pool\", \"conv\", \"resampler\" or"
          + " \"text-only\", found \"" + kindName + "\"");
    }
    String sizeKey = switch (kind) {
      case RESAMPLER -> "queries";
      case TEXT_ONLY -> null;
      default -> "ratio";
    };
    for (String key : List.of("ratio", "queries")) {
      if (!key.equals(sizeKey) && json.optional(o, path, key) != null) {
        throw json.invalid(JsonFields.join(path, key), "does not apply to a " + kindName + " branch"
            + (sizeKey == null ? "" : "; it takes '" + sizeKey + "'"));
      }
    }
    int size = sizeKey == null ? 0 : json.integer(o, path, sizeKey, 1);
    CompressorBranch.Kind k = kind;
    String file = json.optionalString(o, path, "file");
    return build(path, () -> new ModelManifest.Branch(new CompressorBranch(k, size), file));
  }

  private ModelManifest.Vision vision(JsonObject o) {
    String p = "vision";
    json.checkKnown(o, p, VISION);
    String file = json.string(o, p, "file");
    int patch = json.integer(o, p, "patchSize", 1);
    int merge = json.optionalInteger(o, p, "spatialMerge", 1, 1);
    float[] mean = json.floats(o, p, "mean", 3);
    float[] std = json.floats(o, p, "std", 3);
    ResizePolicy resize;
    if (json.optional(o, p, "fixedSize") != null) {
      for (String budgetKey : List.of("minPixels", "maxPixels", "maxSide")) {
        if (json.optional(o, p, budgetKey) != null) {
          throw json.invalid("vision." + budgetKey, "cannot be combined with 'vision.fixedSize'; keep one of the two"
              + " resize rules");
        }
      }
      List<Integer> hw = json.integers(o, p, "fixedSize", 1, false);
      if (hw.size() != 2) {
        throw json.invalid("vision.fixedSize", "must be [height, width], found " + hw.size() + " values");
      }
      resize = build(p, () -> new ResizePolicy.FixedSize(hw.get(0), hw.get(1)));
    } else {
      long min = json.optionalLong(o, p, "minPixels", 0, 0);
      long max = json.longValue(o, p, "maxPixels", 1);
      int side = json.optionalInteger(o, p, "maxSide", 0, 0);
      resize = build(p, () -> new ResizePolicy.PixelBudget(min, max, side));
    }
    String resampleName = json.optionalString(o, p, "resample");
    Resample resample = resample(resampleName);
    long maxInput = json.optionalLong(o, p, "maxInputPixels", 1, ImageSettings.DEFAULT_MAX_INPUT_PIXELS);
    ImageSettings settings = build(p, () -> new ImageSettings(patch, merge, new Rgb(mean[0], mean[1], mean[2]),
        new Rgb(std[0], std[1], std[2]), resize, resample, maxInput));
    return build(p, () -> new ModelManifest.Vision(file, settings));
  }

  private Resample resample(@Nullable String name) {
    if (name == null) {
      return Resample.BICUBIC;
    }
    for (Resample r : Resample.values()) {
      if (r.name().toLowerCase(Locale.ROOT).equals(name)) {
        return r;
      }
    }
    throw json.invalid("vision.resample", "must be \"bilinear\" or \"bicubic\", found \"" + name + "\"");
  }

  /** Runs a record constructor, turning its {@link IllegalArgumentException} into a message naming the file. */
  private <T> T build(String section, java.util.function.Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw json.error((section.isEmpty() ? "" : "section '" + section + "': ") + e.getMessage());
    }
  }
}
