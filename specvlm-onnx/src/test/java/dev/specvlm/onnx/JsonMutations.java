package dev.specvlm.onnx;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Structural edits of a JSON document (remove a member, replace a value, add an unknown member), generated from
 * plain integers so that QuickTheories can shrink a failing case. Each edit is three integers: kind, target member,
 * value.
 */
record JsonMutations(List<Integer> codes) {
  private static final String[] KINDS = {"remove", "replace", "add-unknown"};
  /** Values that probe ranges, types and paths. */
  private static final List<JsonElement> VALUES = List.of(new JsonPrimitive(-1), new JsonPrimitive(0),
      new JsonPrimitive(1), new JsonPrimitive(3), new JsonPrimitive(64), new JsonPrimitive(255),
      new JsonPrimitive(256), new JsonPrimitive(1024), new JsonPrimitive(Integer.MAX_VALUE),
      new JsonPrimitive(1L << 31), new JsonPrimitive(9.2e18), new JsonPrimitive(1e308), new JsonPrimitive(0.5),
      new JsonPrimitive(-0.0), new JsonPrimitive(""), new JsonPrimitive(" "), new JsonPrimitive("x"),
      new JsonPrimitive("../tokenizer.json"), new JsonPrimitive("/etc/passwd"), new JsonPrimitive("decoder.onnx"),
      new JsonPrimitive("embed.onnx"), new JsonPrimitive("vision.onnx"), new JsonPrimitive("bilinear"),
      new JsonPrimitive("specvlm/1"), new JsonPrimitive("specvlm/2"), JsonNull.INSTANCE, new JsonPrimitive(true),
      new JsonArray(), new JsonObject(), JsonParser.parseString("[1, 2, 3]"), JsonParser.parseString("[0.5, 0.5, 0.5]"),
      JsonParser.parseString("[2147483647, 2147483647]"), JsonParser.parseString("[4, 4]"),
      new JsonPrimitive("x".repeat(5000)));

  /** One to {@code maxEdits} edits. */
  static Gen<JsonMutations> edits(int maxEdits) {
    return Generate.intArrays(Generate.range(1, maxEdits).map(n -> 3 * n), Generate.range(0, Integer.MAX_VALUE))
        .map(codes -> new JsonMutations(Arrays.stream(codes).boxed().toList()));
  }

  /** {@code root} with the edits applied (a copy). */
  JsonObject apply(JsonObject root) {
    JsonObject copy = root.deepCopy();
    for (int i = 0; i + 2 < codes.size(); i += 3) {
      List<Object[]> members = new ArrayList<>(); // {parent object, key}
      collect(copy, members);
      if (members.isEmpty()) {
        break;
      }
      Object[] target = members.get(codes.get(i + 1) % members.size());
      JsonObject parent = (JsonObject) target[0];
      String key = (String) target[1];
      JsonElement value = VALUES.get(codes.get(i + 2) % VALUES.size()).deepCopy();
      switch (codes.get(i) % KINDS.length) {
        case 0 -> parent.remove(key);
        case 1 -> parent.add(key, value);
        case 2 -> parent.add("unknown" + codes.get(i + 2) % 10, value);
        default -> throw new AssertionError();
      }
    }
    return copy;
  }

  private static void collect(JsonObject o, List<Object[]> out) {
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      out.add(new Object[] {o, e.getKey()});
      if (e.getValue().isJsonObject()) {
        collect(e.getValue().getAsJsonObject(), out);
      }
    }
  }

  @Override
  public String toString() {
    List<String> edits = new ArrayList<>();
    for (int i = 0; i + 2 < codes.size(); i += 3) {
      String value = VALUES.get(codes.get(i + 2) % VALUES.size()).toString();
      edits.add(KINDS[codes.get(i) % KINDS.length] + " member#" + codes.get(i + 1) + " value "
          + (value.length() > 40 ? value.substring(0, 40) + "..." : value));
    }
    return edits.toString();
  }
}
