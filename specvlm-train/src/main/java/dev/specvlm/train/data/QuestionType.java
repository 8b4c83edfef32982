package dev.specvlm.train.data;

/**
 * The kinds of question a sample may ask, with the relative weight each is drawn with. A type that does not fit a
 * scene (e.g. {@link #SIZE} with one object) is skipped and another drawn.
 */
public enum QuestionType {
  /** A one-sentence caption; free-form (no expected fact). */
  CAPTION(1.0),
  /** A description of several sentences; free-form. */
  DESCRIBE(1.5),
  /** The colour of one object; expected: its {@link ColorFamily#word()}, e.g. {@code "red"}. */
  COLOR(1.2),
  /** The shape of one object; expected: its {@link ShapeKind#noun()}, e.g. {@code "circle"}. */
  SHAPE(1.0),
  /** How many objects (of a kind, of a colour, or in all); expected: the count in digits, e.g. {@code "3"}. */
  COUNT(1.2),
  /** Where one object is; expected: its {@link Region#label()}, e.g. {@code "top left"}. */
  POSITION(1.0),
  /** Whether an object of a kind (and colour) is present; expected: {@code "yes"} or {@code "no"}. */
  EXISTENCE(1.0),
  /** Which object is the largest or smallest; expected: its {@link ShapeKind#noun()}. */
  SIZE(0.6),
  /**
   * Whether one object is left of / right of / above / below another; expected: {@code "yes"} or
   * {@code "no"}.
   */
  RELATION(0.7),
  /** What the background looks like; expected: the name of its main colour, e.g. {@code "cream"}. */
  BACKGROUND(0.5),
  /**
   * The objects listed from left to right or top to bottom; expected: their nouns in order, comma-separated,
   * e.g. {@code "circle,star"}.
   */
  ORDER(0.6),
  /**
   * The normalised bounding box of one object; expected: the box as written, e.g.
   * {@code "[0.12, 0.34, 0.56, 0.78]"}.
   */
  GROUNDING(0.6),
  /** The image's size in pixels; expected: {@code "WIDTHxHEIGHT"}, e.g. {@code "128x64"}. */
  IMAGE_SIZE(0.3),
  /**
   * An open question (use, likeness, mood, style, impression) whose answer is mostly not dictated by the
   * image; free-form.
   */
  OPINION(0.6),
  /** A title for the picture; free-form. */
  TITLE(0.4);

  private final double weight;

  QuestionType(double weight) {
    this.weight = weight;
  }

  /** The relative frequency of this type among questions. */
  public double weight() {
    return weight;
  }
}
