package dev.specvlm.onnx;

import com.google.gson.JsonObject;
import dev.specvlm.ModelLoadException;
import dev.specvlm.core.model.ModelSpec;
import dev.specvlm.onnx.image.ImageSettings;
import dev.specvlm.onnx.image.Resample;
import dev.specvlm.onnx.image.ResizePolicy;
import dev.specvlm.onnx.image.Rgb;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

  private final JsonFields json;

  private ManifestReader(String file) {
    this.json = new JsonFields(file);
  }

  static ModelManifest read(Path folder) {
    Path file = folder.resolve(ModelManifest.FILE_NAME);
    if (!Files.isDirectory(folder)) {
      throw new ModelLoadException("model folder " + folder + " does not exist or is not a folder");
    }
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ModelLoadException(file + " is " + Files.size(file) + " bytes; a manifest is at most " + MAX_BYTES);
      }
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (NoSuchFileException e) {
      throw new ModelLoadException("model folder " + folder + " has no " + ModelManifest.FILE_NAME
          + "; a model folder holds specvlm.json plus the files it names (see docs/model-folder.md)", e);
    } catch (CharacterCodingException e) {
      throw new ModelLoadException(file + " is not UTF-8 text", e);
    } catch (IOException e) {
      throw new ModelLoadException("cannot read " + file + ": " + e, e);
    }
    return new ManifestReader(file.toString()).parse(text);
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
    JsonObject compressor = json.optionalObject(root, "", "compressor");
    ModelSpec.ChatTemplate chatTemplate = template;
    return build("", () -> new ModelManifest(name, sizes, tokenizer, embed, decoder, draft, vision, tokens,
        chatTemplate, compressor == null ? null : compressor.toString()));
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
    return new ModelManifest.Vision(file, settings);
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
