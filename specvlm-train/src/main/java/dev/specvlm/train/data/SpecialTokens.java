package dev.specvlm.train.data;

import java.util.List;

/**
 * The special tokens of the bundled vocabulary and their fixed ids (the first five ids of every vocabulary this
 * package builds).
 */
public final class SpecialTokens {
  /** Padding, id 0. */
  public static final String PAD = "<pad>";
  /** Unknown word, id 1. */
  public static final String UNK = "<unk>";
  /** Beginning of sequence, id 2. */
  public static final String BOS = "<bos>";
  /** End of sequence (ends every answer), id 3. */
  public static final String EOS = "<eos>";
  /** One visual slot, id 4; an image becomes N consecutive slots. */
  public static final String IMAGE = "<image>";

  /** The id of {@link #PAD}. */
  public static final int PAD_ID = 0;
  /** The id of {@link #UNK}. */
  public static final int UNK_ID = 1;
  /** The id of {@link #BOS}. */
  public static final int BOS_ID = 2;
  /** The id of {@link #EOS}. */
  public static final int EOS_ID = 3;
  /** The id of {@link #IMAGE}. */
  public static final int IMAGE_ID = 4;

  /** The special tokens in id order. */
  public static final List<String> ALL = List.of(PAD, UNK, BOS, EOS, IMAGE);

  private SpecialTokens() {}
}
