package dev.specvlm.train.data;

import dev.specvlm.core.model.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The bundled tokenizer in pure Java: the same ids as the {@code tokenizer.json} written by
 * {@link TokenizerJsonWriter} (loaded by DJL's Hugging Face tokenizer), with no native library. Special tokens written
 * literally in the text ({@code <image>}) are recognised; {@link #decode} leaves special tokens out. Immutable and
 * thread-safe.
 *
 * <p>Why a word-level model: the grammar's text is made of a closed set of words, so a word-level vocabulary gives
 * every word, number and mark an id of its own, never needs {@code <unk>} for generated text, keeps the colour, shape,
 * count and position words (the ones the image dictates) single tokens whose accuracy can be read off directly, and
 * fills the 2–4 k rows of the LM head with real words instead of byte pieces no text uses. Spaces live inside the
 * pieces ({@code ▁red}, as SentencePiece does for LLaMA), so decoding is exact without any clean-up rule. Text outside
 * the grammar (a user's own words) maps to {@code <unk>}; that is the price of a vocabulary this small.
 */
public final class WordTokenizer implements Tokenizer {
  private final Vocabulary vocabulary;

  private WordTokenizer(Vocabulary vocabulary) {
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
  }

  /** A tokenizer over {@code vocabulary}. */
  public static WordTokenizer of(Vocabulary vocabulary) {
    return new WordTokenizer(vocabulary);
  }

  /** The tokenizer of the bundled model. */
  public static WordTokenizer bundled() {
    return new WordTokenizer(Vocabulary.bundled());
  }

  /** The vocabulary. */
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public int[] encode(String text) {
    List<Integer> out = new ArrayList<>();
    int start = 0;
    while (start <= text.length()) {
      int next = -1;
      int special = -1;
      for (int id = 0; id < SpecialTokens.ALL.size(); id++) {
        int at = text.indexOf(SpecialTokens.ALL.get(id), start);
        if (at >= 0 && (next < 0 || at < next)) {
          next = at;
          special = id;
        }
      }
      int end = next < 0 ? text.length() : next;
      for (String piece : WordPieces.split(text.substring(start, end))) {
        out.add(vocabulary.id(piece));
      }
      if (next < 0) {
        break;
      }
      out.add(special);
      start = next + SpecialTokens.ALL.get(special).length();
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String decode(int[] ids, int from, int to) {
    List<String> pieces = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      if (!Vocabulary.isSpecial(ids[i])) {
        pieces.add(vocabulary.token(ids[i]));
      }
    }
    return WordPieces.join(pieces);
  }

  @Override
  public int vocabSize() {
    return vocabulary.size();
  }
}
