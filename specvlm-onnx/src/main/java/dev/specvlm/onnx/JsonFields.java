package dev.specvlm.onnx;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.specvlm.ModelLoadException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to the fields of a strictly parsed JSON document, failing with a {@link ModelLoadException} that names
 * the file, the field path, what was expected and what was found.
 */
final class JsonFields {
  private final String file;

  JsonFields(String file) {
    this.file = file;
  }

  /** Parses {@code text} strictly (no comments, no trailing commas, no duplicate keys) into a JSON object. */
  JsonObject parseObject(String text) {
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement root = readValue(reader, "");
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new ModelLoadException(file + " is not valid JSON: unexpected content after the top-level object");
      }
      if (!root.isJsonObject()) {
        throw new ModelLoadException(file + " must hold a JSON object, found " + describe(root));
      }
      return root.getAsJsonObject();
    } catch (IOException | RuntimeException e) {
      if (e instanceof ModelLoadException m) {
        throw m;
      }
      throw new ModelLoadException(file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private JsonElement readValue(JsonReader reader, String path) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT -> {
        JsonObject object = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
          String key = reader.nextName();
          String child = join(path, key);
          if (object.has(key)) {
            throw new ModelLoadException(file + ": field '" + child + "' appears twice; keep one");
          }
          object.add(key, readValue(reader, child));
        }
        reader.endObject();
        return object;
      }
      case BEGIN_ARRAY -> {
        JsonArray array = new JsonArray();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(readValue(reader, path + "[" + array.size() + "]"));
        }
        reader.endArray();
        return array;
      }
      case STRING -> {
        return new JsonPrimitive(reader.nextString());
      }
      case NUMBER -> {
        return new JsonPrimitive(new BigDecimal(reader.nextString()));
      }
      case BOOLEAN -> {
        return new JsonPrimitive(reader.nextBoolean());
      }
      case NULL -> {
        reader.nextNull();
        return JsonNull.INSTANCE;
      }
      default -> throw new ModelLoadException(file + ": unexpected JSON token " + reader.peek() + " at " + path);
    }
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Refuses keys of {@code object} (at {@code path}) that are not in {@code known}. */
  void checkKnown(JsonObject object, String path, Set<String> known) {
    for (String key : object.keySet()) {
      if (!known.contains(key)) {
        throw new ModelLoadException(file + ": unknown field '" + join(path, key) + "'; the fields of '"
            + (path.isEmpty() ? "the top level" : path) + "' are " + String.join(", ", known));
      }
    }
  }

  @Nullable JsonElement optional(JsonObject object, String path, String key) {
    JsonElement e = object.get(key);
    return e == null || e.isJsonNull() ? null : e;
  }

  JsonElement required(JsonObject object, String path, String key, String expected) {
    JsonElement e = optional(object, path, key);
    if (e == null) {
      throw new ModelLoadException(file + ": missing field '" + join(path, key) + "' (" + expected + ")");
    }
    return e;
  }

  ModelLoadException wrongType(String field, String expected, JsonElement found) {
    return new ModelLoadException(file + ": field '" + field + "' must be " + expected + ", found " + describe(found));
  }

  ModelLoadException error(String message) {
    return new ModelLoadException(file + ": " + message);
  }

  ModelLoadException invalid(String field, String problem) {
    return new ModelLoadException(file + ": field '" + field + "' " + problem);
  }

  JsonObject object(JsonObject object, String path, String key) {
    return asObject(required(object, path, key, "an object"), join(path, key));
  }

  @Nullable JsonObject optionalObject(JsonObject object, String path, String key) {
    JsonElement e = optional(object, path, key);
    return e == null ? null : asObject(e, join(path, key));
  }

  private JsonObject asObject(JsonElement e, String field) {
    if (!e.isJsonObject()) {
      throw wrongType(field, "an object", e);
    }
    return e.getAsJsonObject();
  }

  String string(JsonObject object, String path, String key) {
    return asString(required(object, path, key, "a string"), join(path, key));
  }

  @Nullable String optionalString(JsonObject object, String path, String key) {
    JsonElement e = optional(object, path, key);
    return e == null ? null : asString(e, join(path, key));
  }

  private String asString(JsonElement e, String field) {
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw wrongType(field, "a string", e);
    }
    return e.getAsString();
  }

  int integer(JsonObject object, String path, String key, int min) {
    String expected = "an integer >= " + min;
    return (int) asLong(required(object, path, key, expected), join(path, key), min, Integer.MAX_VALUE, expected);
  }

  int optionalInteger(JsonObject object, String path, String key, int min, int fallback) {
    Integer value = optionalInteger(object, path, key, min);
    return value == null ? fallback : value;
  }

  @Nullable Integer optionalInteger(JsonObject object, String path, String key, int min) {
    JsonElement e = optional(object, path, key);
    return e == null ? null : (int) asLong(e, join(path, key), min, Integer.MAX_VALUE, "an integer >= " + min);
  }

  long optionalLong(JsonObject object, String path, String key, long min, long fallback) {
    JsonElement e = optional(object, path, key);
    return e == null ? fallback : asLong(e, join(path, key), min, Long.MAX_VALUE, "an integer >= " + min);
  }

  long longValue(JsonObject object, String path, String key, long min) {
    String expected = "an integer >= " + min;
    return asLong(required(object, path, key, expected), join(path, key), min, Long.MAX_VALUE, expected);
  }

  private long asLong(JsonElement e, String field, long min, long max, String expected) {
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw wrongType(field, expected, e);
    }
    BigDecimal value = e.getAsBigDecimal();
    long v;
    try {
      v = value.longValueExact();
    } catch (ArithmeticException ex) {
      throw wrongType(field, expected, e);
    }
    if (v < min || v > max) {
      throw wrongType(field, expected, e);
    }
    return v;
  }

  /** A list of integers; {@code single} also accepts one bare integer. */
  List<Integer> integers(JsonObject object, String path, String key, int min, boolean single) {
    String field = join(path, key);
    String expected = "an array of integers >= " + min;
    JsonElement e = required(object, path, key, expected);
    if (single && e.isJsonPrimitive()) {
      return List.of((int) asLong(e, field, min, Integer.MAX_VALUE, expected + " (or one integer)"));
    }
    if (!e.isJsonArray()) {
      throw wrongType(field, expected, e);
    }
    List<Integer> out = new ArrayList<>();
    for (JsonElement item : e.getAsJsonArray()) {
      out.add((int) asLong(item, field + "[" + out.size() + "]", min, Integer.MAX_VALUE, "an integer >= " + min));
    }
    return out;
  }

  /** Exactly {@code n} finite numbers. */
  float[] floats(JsonObject object, String path, String key, int n) {
    String field = join(path, key);
    String expected = "an array of " + n + " numbers";
    JsonElement e = required(object, path, key, expected);
    if (!e.isJsonArray() || e.getAsJsonArray().size() != n) {
      throw wrongType(field, expected, e);
    }
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      JsonElement item = e.getAsJsonArray().get(i);
      if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isNumber()) {
        throw wrongType(field + "[" + i + "]", "a number", item);
      }
      out[i] = item.getAsFloat();
      if (!Float.isFinite(out[i])) {
        throw wrongType(field + "[" + i + "]", "a finite float", item);
      }
    }
    return out;
  }

  /** A short description of a JSON value for messages: its type and (abbreviated) text. */
  static String describe(JsonElement e) {
    String type;
    if (e.isJsonObject()) {
      type = "an object";
    } else if (e.isJsonArray()) {
      type = "an array";
    } else if (e.isJsonNull()) {
      type = "null";
    } else if (e.getAsJsonPrimitive().isString()) {
      type = "a string";
    } else if (e.getAsJsonPrimitive().isBoolean()) {
      type = "a boolean";
    } else {
      type = "the number";
    }
    String text = e.toString();
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    return type + " " + text;
  }
}
