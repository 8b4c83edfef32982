package dev.specvlm.train.data;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link Vocabulary} as a Hugging Face {@code tokenizer.json} (the format of the {@code tokenizers} library
 * 0.19+, as loaded by DJL's {@code HuggingFaceTokenizer} and by ONNX Runtime GenAI), deterministically: the same
 * vocabulary always gives the same bytes.
 *
 * <p>The pipeline it declares is the one {@link WordPieces} and {@link WordTokenizer} implement in Java:
 *
 * <ul>
 *   <li>added tokens: the five {@link SpecialTokens}, all special, matched verbatim before normalisation;</li>
 *   <li>normalizer: {@code Replace(\s+ → " ")} then {@code Strip} — whitespace runs collapse and ends are trimmed, so
 *       text around a special token or a chat-template part tokenizes the same whether encoded alone or joined;</li>
 *   <li>pre-tokenizer: {@code Metaspace(▁, prepend_scheme=always, split)} then {@code Punctuation(Isolated)};</li>
 *   <li>model: {@code WordLevel} with {@code <unk>};</li>
 *   <li>no post-processor: {@code encode} adds no {@code <bos>}; the caller adds it
 *       (see {@link ConversationFormat});</li>
 *   <li>decoder: {@code Metaspace}, which turns {@code ▁} back into spaces and drops the first one.</li>
 * </ul>
 *
 * <p>Round trip: decoding the ids of a text gives the text back exactly, up to the normalisation above (runs of
 * whitespace become one space; leading and trailing whitespace goes). The grammar never writes anything that
 * normalisation would change.
 *
 * <p>Loading with DJL: {@code HuggingFaceTokenizer.newInstance(path)} truncates every encoding to 512 tokens; a prompt
 * with the 1024 visual slots of a 256×256 image needs
 * {@code HuggingFaceTokenizer.builder().optTokenizerPath(path).optTruncation(false).build()}.
 */
public final class TokenizerJsonWriter {
  private TokenizerJsonWriter() {}

  /**
   * Writes {@code tokenizer.json} for {@code vocabulary} to {@code file}, replacing it.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(Vocabulary vocabulary, Path file) {
    try {
      Files.writeString(file, toJson(vocabulary), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write tokenizer to " + file.toAbsolutePath()
          + "; check that the folder exists and is writable", e);
    }
  }

  /** The {@code tokenizer.json} text for {@code vocabulary}. */
  public static String toJson(Vocabulary vocabulary) {
    StringWriter out = new StringWriter();
    try (JsonWriter w = new JsonWriter(out)) {
      w.setIndent("  ");
      w.setHtmlSafe(false);
      w.setSerializeNulls(true);
      w.beginObject();
      w.name("version").value("1.0");
      w.name("truncation").nullValue();
      w.name("padding").nullValue();
      w.name("added_tokens").beginArray();
      for (int id = 0; id < SpecialTokens.ALL.size(); id++) {
        w.beginObject();
        w.name("id").value(id);
        w.name("content").value(SpecialTokens.ALL.get(id));
        w.name("single_word").value(false);
        w.name("lstrip").value(false);
        w.name("rstrip").value(false);
        w.name("normalized").value(false);
        w.name("special").value(true);
        w.endObject();
      }
      w.endArray();
      w.name("normalizer").beginObject().name("type").value("Sequence").name("normalizers").beginArray();
      w.beginObject().name("type").value("Replace");
      w.name("pattern").beginObject().name("Regex").value("\\s+").endObject();
      w.name("content").value(" ").endObject();
      w.beginObject().name("type").value("Strip").name("strip_left").value(true).name("strip_right").value(true)
          .endObject();
      w.endArray().endObject();
      w.name("pre_tokenizer").beginObject().name("type").value("Sequence").name("pretokenizers").beginArray();
      metaspace(w);
      w.beginObject().name("type").value("Punctuation").name("behavior").value("Isolated").endObject();
      w.endArray().endObject();
      w.name("post_processor").nullValue();
      w.name("decoder");
      metaspace(w);
      w.name("model").beginObject();
      w.name("type").value("WordLevel");
      w.name("vocab").beginObject();
      for (int id = 0; id < vocabulary.size(); id++) {
        w.name(vocabulary.token(id)).value(id);
      }
      w.endObject();
      w.name("unk_token").value(SpecialTokens.UNK);
      w.endObject();
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string failed", e);
    }
    return out.toString() + "\n";
  }

  private static void metaspace(JsonWriter w) throws IOException {
    w.beginObject();
    w.name("type").value("Metaspace");
    w.name("replacement").value(String.valueOf(WordPieces.SPACE));
    w.name("prepend_scheme").value("always");
    w.name("split").value(true);
    w.endObject();
  }

  /**
   * Writes the bundled tokenizer: {@code TokenizerJsonWriter [file]} (default {@code tokenizer.json}).
   *
   * @param args an optional output path
   */
  public static void main(String[] args) {
    Path file = Path.of(args.length > 0 ? args[0] : "tokenizer.json");
    Vocabulary vocabulary = Vocabulary.bundled();
    write(vocabulary, file);
    System.out.println("wrote " + file.toAbsolutePath() + " (" + vocabulary.size() + " tokens)");
  }
}
