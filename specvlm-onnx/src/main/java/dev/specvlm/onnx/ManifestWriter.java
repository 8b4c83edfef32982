package dev.specvlm.onnx;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.specvlm.onnx.image.ImageSettings;
import dev.specvlm.onnx.image.ResizePolicy;
import dev.specvlm.onnx.image.Rgb;
import java.util.Locale;

/** Writes a {@link ModelManifest} as {@code specvlm.json} text; {@link ManifestReader} reads it back unchanged. */
final class ManifestWriter {
  private ManifestWriter() {}

  static String toJson(ModelManifest m) {
    JsonObject root = new JsonObject();
    root.addProperty("format", ModelManifest.FORMAT);
    root.addProperty("name", m.name());
    JsonObject sizes = new JsonObject();
    sizes.addProperty("hidden", m.sizes().hidden());
    sizes.addProperty("vocab", m.sizes().vocab());
    sizes.addProperty("contextLength", m.sizes().contextLength());
    root.add("sizes", sizes);
    root.addProperty("tokenizer", m.tokenizer());
    root.addProperty("embed", m.embed());
    root.add("decoder", transformer(m.decoder()));
    if (m.draft() != null) {
      root.add("draft", transformer(m.draft()));
    }
    if (m.vision() != null) {
      root.add("vision", vision(m.vision()));
    }
    JsonObject tokens = new JsonObject();
    JsonArray eos = new JsonArray();
    m.tokens().eos().forEach(eos::add);
    tokens.add("eos", eos);
    if (m.tokens().bos() != null) {
      tokens.addProperty("bos", m.tokens().bos());
    }
    if (m.tokens().image() != null) {
      tokens.addProperty("image", m.tokens().image());
    }
    root.add("tokens", tokens);
    if (m.chatTemplate() != null) {
      JsonObject template = new JsonObject();
      template.addProperty("prefix", m.chatTemplate().prefix());
      template.addProperty("suffix", m.chatTemplate().suffix());
      root.add("chatTemplate", template);
    }
    if (m.compressor() != null) {
      root.add("compressor", compressor(m.compressor()));
    }
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
  }

  private static JsonObject compressor(ModelManifest.Compressor c) {
    JsonObject o = new JsonObject();
    JsonArray branches = new JsonArray();
    for (ModelManifest.Branch b : c.branches()) {
      JsonObject branch = new JsonObject();
      branch.addProperty("kind", b.branch().kind().prefix());
      switch (b.branch().kind()) {
        case RESAMPLER -> branch.addProperty("queries", b.branch().size());
        case TEXT_ONLY -> { }
        default -> branch.addProperty("ratio", b.branch().size());
      }
      if (b.file() != null) {
        branch.addProperty("file", b.file());
      }
      branches.add(branch);
    }
    o.add("branches", branches);
    if (c.gate() != null) {
      o.addProperty("gate", c.gate());
    }
    if (c.weighted() != null) {
      JsonObject w = new JsonObject();
      w.addProperty("ratio", c.weighted().ratio());
      w.addProperty("gate", c.weighted().gate());
      o.add("weighted", w);
    }
    if (c.draft() != null) {
      o.add("draft", transformer(c.draft()));
    }
    return o;
  }

  private static JsonObject transformer(ModelManifest.Transformer t) {
    JsonObject o = new JsonObject();
    o.addProperty("file", t.file());
    o.addProperty("layers", t.layers());
    o.addProperty("kvHeads", t.kvHeads());
    o.addProperty("headDim", t.headDim());
    return o;
  }

  private static JsonObject vision(ModelManifest.Vision v) {
    ImageSettings s = v.image();
    JsonObject o = new JsonObject();
    o.addProperty("file", v.file());
    o.addProperty("patchSize", s.patchSize());
    o.addProperty("spatialMerge", s.spatialMerge());
    o.add("mean", rgb(s.mean()));
    o.add("std", rgb(s.std()));
    if (s.resize() instanceof ResizePolicy.FixedSize fixed) {
      JsonArray hw = new JsonArray();
      hw.add(fixed.height());
      hw.add(fixed.width());
      o.add("fixedSize", hw);
    } else if (s.resize() instanceof ResizePolicy.PixelBudget budget) {
      o.addProperty("minPixels", budget.minPixels());
      o.addProperty("maxPixels", budget.maxPixels());
      o.addProperty("maxSide", budget.maxSide());
    }
    o.addProperty("resample", s.resample().name().toLowerCase(Locale.ROOT));
    o.addProperty("maxInputPixels", s.maxInputPixels());
    return o;
  }

  private static JsonArray rgb(Rgb rgb) {
    JsonArray a = new JsonArray();
    a.add(rgb.r());
    a.add(rgb.g());
    a.add(rgb.b());
    return a;
  }
}
