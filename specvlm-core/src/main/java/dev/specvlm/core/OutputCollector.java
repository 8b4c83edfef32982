package dev.specvlm.core;

import dev.specvlm.FinishReason;
import dev.specvlm.GenerationConfig;
import dev.specvlm.SpecVlmException;
import dev.specvlm.TokenListener;
import dev.specvlm.core.accept.TokenContext;
import dev.specvlm.core.model.ModelSpec;
import dev.specvlm.core.model.Tokenizer;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Receives committed tokens one by one and applies the stop conditions exactly, however many tokens a round commits:
 * EOS (the config's ids, else the model's; unless ignored), stop token sequences, stop strings on the incrementally
 * detokenized text (a stop string may span tokens; the text ends at the end of the stop string) and the token limit.
 * Nothing after a stop reaches the listener or the result. Also feeds the repetition-penalty context.
 */
final class OutputCollector {
  private final Tokenizer tokenizer;
  private final TokenContext context;
  private final @Nullable TokenListener listener;
  private final int[] tokens; // [maxNewTokens] committed generated tokens
  private int count;
  private final int[] eos;
  private final int[][] stopSequences;
  private final String[] stopStrings;
  private final @Nullable IncrementalDetokenizer detokenizer;
  private final StringBuilder text = new StringBuilder(); // streamed text, kept when stop strings are set
  private boolean stoppedByString;

  OutputCollector(Tokenizer tokenizer, ModelSpec spec, GenerationConfig config, TokenContext context,
      @Nullable TokenListener listener) {
    this.tokenizer = tokenizer;
    this.context = context;
    this.listener = listener;
    this.tokens = new int[config.maxNewTokens()];
    int[] configured = config.eosTokenIds();
    if (config.ignoreEos()) {
      this.eos = new int[0];
    } else if (configured.length > 0) {
      this.eos = configured;
    } else {
      this.eos = spec.eosTokenIds().stream().mapToInt(Integer::intValue).toArray();
    }
    List<int[]> sequences = config.stopTokenSequences();
    this.stopSequences = sequences.toArray(new int[0][]);
    this.stopStrings = config.stopStrings().toArray(new String[0]);
    this.detokenizer = listener != null || stopStrings.length > 0 ? new IncrementalDetokenizer(tokenizer) : null;
  }

  /** Tokens committed so far. */
  int count() {
    return count;
  }

  /**
   * Commits one token, tells the listener, and says whether generation ends with it.
   *
   * @return the finish reason if this token ends the generation, else null
   */
  @Nullable FinishReason add(int token) {
    tokens[count++] = token;
    context.add(token);
    boolean isEos = contains(eos, token);
    boolean sequenceStop = endsWithStopSequence();
    boolean full = count == tokens.length;
    String piece = "";
    if (detokenizer != null) {
      piece = detokenizer.next(tokens, count, isEos || sequenceStop || full);
      if (stopStrings.length > 0) {
        piece = cutAtStopString(piece);
      }
    }
    if (listener != null) {
      try {
        listener.onToken(token, piece);
      } catch (RuntimeException e) {
        throw new SpecVlmException("the token listener threw on token " + token + " (generated token " + (count - 1)
            + "); generation stopped: " + e, e);
      }
    }
    if (isEos) {
      return FinishReason.EOS;
    }
    if (sequenceStop || stoppedByString) {
      return FinishReason.STOP;
    }
    return full ? FinishReason.LENGTH : null;
  }

  /** Appends {@code piece} to the text; if a stop string now ends inside it, cuts the text and the piece there. */
  private String cutAtStopString(String piece) {
    int before = text.length();
    text.append(piece);
    int end = -1;
    for (String s : stopStrings) {
      int at = text.indexOf(s, Math.max(0, before - s.length() + 1));
      if (at >= 0 && (end < 0 || at + s.length() < end)) {
        end = at + s.length();
      }
    }
    if (end < 0) {
      return piece;
    }
    stoppedByString = true;
    text.setLength(end);
    return piece.substring(0, end - before);
  }

  private boolean endsWithStopSequence() {
    for (int[] s : stopSequences) {
      if (s.length <= count && Arrays.equals(tokens, count - s.length, count, s, 0, s.length)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(int[] a, int x) {
    for (int v : a) {
      if (v == x) {
        return true;
      }
    }
    return false;
  }

  /** The committed tokens (a copy). */
  int[] tokens() {
    return Arrays.copyOf(tokens, count);
  }

  /** The result text: up to the end of the stop string if one ended the generation, else all tokens decoded. */
  String text() {
    return stoppedByString ? text.toString() : tokenizer.decode(tokens, 0, count);
  }
}
