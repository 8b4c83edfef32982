package dev.specvlm.train.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes held-out scenes as a prompt folder, the format the benchmark harness and the {@code specvlm} command line
 * read ({@code docs/benchmarks.md}, "Prompt folders"): {@code prompts.jsonl} with one JSON object per line —
 * {@code id}, {@code image} (a path relative to the folder), {@code question} and {@code tags} (here
 * {@code resolution}, {@code seed}, {@code type} and the reference {@code answer}) — and the images under
 * {@code images/}. Seeds come from {@link DataSplit#HELD_OUT}, which training never sees; sample {@code i} is drawn at
 * resolution {@code i mod |resolutions|}, so the resolutions alternate.
 *
 * <pre>{@code
 * HeldOutPromptSet <folder> [count=30] [resolutions=64x64,128x128,256x256] [first-index=0]
 * }</pre>
 *
 * <p>The defaults give 64, 256 and 1024 visual tokens at the bundled model's patch size of 8. The output is a pure
 * function of the arguments.
 */
public final class HeldOutPromptSet {
  /** The prompt file's name inside a prompt folder. */
  public static final String PROMPTS_FILE = "prompts.jsonl";
  /** The default resolutions: 64, 256 and 1024 visual tokens at patch size 8. */
  public static final List<Resolution> DEFAULT_RESOLUTIONS =
      List.of(Resolution.SQUARE_64, Resolution.SQUARE_128, Resolution.SQUARE_256);

  private HeldOutPromptSet() {}

  /**
   * Runs the writer.
   *
   * @param args output folder, then optionally the count, the resolutions ({@code WxH,WxH,...}) and the first index
   *     into the held-out split
   */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: HeldOutPromptSet <folder> [count=30] [resolutions=64x64,128x128,256x256] "
          + "[first-index=0]");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    List<Resolution> resolutions = args.length > 2 ? parseResolutions(args[2]) : DEFAULT_RESOLUTIONS;
    long first = args.length > 3 ? Long.parseLong(args[3]) : 0;
    write(folder, count, resolutions, first);
    System.out.println("wrote " + count + " held-out prompts to " + folder.toAbsolutePath().resolve(PROMPTS_FILE));
  }

  /** Parses {@code "64x64,128x96"}. */
  static List<Resolution> parseResolutions(String text) {
    List<Resolution> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String[] wh = part.trim().toLowerCase(Locale.ROOT).split("x");
      checkArgument(wh.length == 2, "resolution '%s' is not WIDTHxHEIGHT (e.g. 128x128)", part);
      out.add(new Resolution(Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim())));
    }
    return out;
  }

  /**
   * Writes {@code count} held-out samples starting at held-out index {@code firstIndex} into {@code folder}
   * (created if needed; an existing {@code prompts.jsonl} is replaced).
   */
  public static void write(Path folder, int count, List<Resolution> resolutions, long firstIndex) {
    checkArgument(count >= 1, "count must be >= 1, got %s", count);
    checkArgument(!resolutions.isEmpty(), "at least one resolution is needed");
    List<SampleGenerator> generators = resolutions.stream().map(r -> SampleGenerator.of(List.of(r))).toList();
    Path images = folder.resolve("images");
    try {
      Files.createDirectories(images);
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < count; i++) {
        long seed = DataSplit.HELD_OUT.seed(firstIndex + i);
        Sample s = generators.get(i % generators.size()).sample(seed);
        String id = String.format(Locale.ROOT, "%04d", firstIndex + i);
        String image = "images/" + id + ".png";
        ImageIO.write(s.image(), "png", folder.resolve(image).toFile());
        lines.append(line(id, image, s)).append('\n');
      }
      Files.writeString(folder.resolve(PROMPTS_FILE), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the held-out prompt set to " + folder.toAbsolutePath(), e);
    }
  }

  private static String line(String id, String image, Sample s) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonWriter json = new JsonWriter(text)) {
      json.beginObject();
      json.name("id").value(id);
      json.name("image").value(image);
      json.name("question").value(s.question());
      json.name("tags").beginObject();
      json.name("resolution").value(s.resolution().toString());
      json.name("seed").value(Long.toString(s.seed()));
      json.name("type").value(s.dialogue().type().name());
      json.name("answer").value(s.answer());
      json.endObject();
      json.endObject();
    }
    return text.toString();
  }
}
