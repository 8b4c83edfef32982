package dev.specvlm.bench.e2e;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.specvlm.InvalidRequestException;
import dev.specvlm.Prompt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A prompt folder: {@value #FILE_NAME} plus the images it names. Each non-blank line of {@value #FILE_NAME} is one
 * JSON object:
 *
 * <pre>{@code
 * {"id": "0001", "image": "images/0001.png", "question": "What color is the star?", "tags": {"resolution": "64x64"}}
 * }</pre>
 *
 * <ul>
 *   <li>{@code id} — required, unique in the file;</li>
 *   <li>{@code question} — required, the user's text;</li>
 *   <li>{@code image} — optional, a path relative to the folder that stays inside it;</li>
 *   <li>{@code tags} — optional, an object of string or number values (kept as strings).</li>
 * </ul>
 *
 * <p>Unknown fields are ignored. Problems are reported as {@link InvalidRequestException} naming the file, the line
 * and the fix. Immutable.
 *
 * @param folder the folder read
 * @param cases the prompts, in file order; never empty
 */
public record PromptSet(Path folder, List<PromptCase> cases) {
  /** The prompt file inside a prompt folder. */
  public static final String FILE_NAME = "prompts.jsonl";

  /** Validates and copies. */
  public PromptSet {
    Objects.requireNonNull(folder, "folder");
    cases = List.copyOf(cases);
  }

  /**
   * Reads {@code folder}.
   *
   * @throws InvalidRequestException if the folder or file is missing, a line is not a valid prompt, or an image is
   *     missing
   */
  public static PromptSet read(Path folder) {
    Path file = folder.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new InvalidRequestException("prompt folder " + folder + " has no " + FILE_NAME + " (looked for "
          + file.toAbsolutePath() + "); pass a folder holding " + FILE_NAME + " with one JSON object per line: "
          + "{\"id\": ..., \"image\": \"relative/path.png\", \"question\": ...}");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
    Path root = folder.toAbsolutePath().normalize();
    List<PromptCase> cases = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      PromptCase c = parse(line, root, file, i + 1);
      if (!ids.add(c.id())) {
        throw new InvalidRequestException(file + " line " + (i + 1) + ": id '" + c.id() + "' appears twice; give "
            + "each prompt its own id");
      }
      cases.add(c);
    }
    if (cases.isEmpty()) {
      throw new InvalidRequestException(file + " holds no prompts; add one JSON object per line");
    }
    return new PromptSet(folder, cases);
  }

  /** The first {@code n} prompts (all if there are fewer). */
  public PromptSet limit(int n) {
    return n >= cases.size() ? this : new PromptSet(folder, cases.subList(0, n));
  }

  /** The prompts as the model sees them, in order. */
  public List<Prompt> prompts() {
    return cases.stream().map(PromptCase::toPrompt).toList();
  }

  private static PromptCase parse(String line, Path root, Path file, int number) {
    String where = file + " line " + number;
    JsonObject o;
    try {
      JsonElement e = JsonParser.parseString(line);
      if (!e.isJsonObject()) {
        throw new InvalidRequestException(where + " is not a JSON object; each line must be {\"id\": ..., "
            + "\"question\": ...}");
      }
      o = e.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new InvalidRequestException(where + " is not valid JSON (" + e.getMessage() + "); each line must be one "
          + "JSON object", e);
    }
    String id = string(o, "id", where);
    String question = string(o, "question", where);
    @Nullable Path image = null;
    if (o.has("image") && !o.get("image").isJsonNull()) {
      String relative = string(o, "image", where);
      Path resolved = root.resolve(relative).normalize();
      if (!resolved.startsWith(root)) {
        throw new InvalidRequestException(where + ": image '" + relative + "' points outside the prompt folder "
            + root + "; use a path relative to the folder");
      }
      if (!Files.isRegularFile(resolved)) {
        throw new InvalidRequestException(where + ": image '" + relative + "' not found (looked for " + resolved
            + "); put the image in the prompt folder or fix the path");
      }
      image = resolved;
    }
    Map<String, String> tags = new LinkedHashMap<>();
    if (o.has("tags") && !o.get("tags").isJsonNull()) {
      if (!o.get("tags").isJsonObject()) {
        throw new InvalidRequestException(where + ": tags must be a JSON object of strings or numbers");
      }
      for (Map.Entry<String, JsonElement> t : o.getAsJsonObject("tags").entrySet()) {
        if (!t.getValue().isJsonPrimitive()) {
          throw new InvalidRequestException(where + ": tag '" + t.getKey() + "' must be a string or a number");
        }
        tags.put(t.getKey(), t.getValue().getAsString());
      }
    }
    return new PromptCase(id, image, question, tags);
  }

  private static String string(JsonObject o, String field, String where) {
    JsonElement e = o.get(field);
    if (e == null || !e.isJsonPrimitive() || e.getAsString().isBlank()) {
      throw new InvalidRequestException(where + ": field '" + field + "' is missing or empty; every prompt needs "
          + "\"id\" and \"question\" (strings), \"image\" is optional");
    }
    return e.getAsString();
  }
}
