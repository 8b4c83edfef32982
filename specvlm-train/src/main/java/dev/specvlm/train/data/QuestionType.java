package dev.specvlm.train.data;

/**
 * The kinds of question a sample may ask, with the relative weight each is drawn with. A type that does not fit a
 * scene (e.g. {@link #SIZE} with one object) is skipped and another drawn.
 */
public enum QuestionType {
  /** A one-sentence caption. */
  CAPTION(1.0),
  /** A description of several sentences. */
  DESCRIBE(1.5),
  /** The colour of one object. */
  COLOR(1.2),
  /** The shape of one object. */
  SHAPE(1.0),
  /** How many objects (of a kind, of a colour, or in all). */
  COUNT(1.2),
  /** Where one object is. */
  POSITION(1.0),
  /** Whether an object of a kind (and colour) is present. */
  EXISTENCE(1.0),
  /** Which object is the largest or smallest. */
  SIZE(0.6),
  /** Whether one object is left of / right of / above / below another. */
  RELATION(0.7),
  /** What the background looks like. */
  BACKGROUND(0.5),
  /** The objects listed from left to right or top to bottom. */
  ORDER(0.6),
  /** The normalised bounding box of one object. */
  GROUNDING(0.6),
  /** The image's size in pixels. */
  IMAGE_SIZE(0.3),
  /** An open question (use, likeness, mood, style, impression) whose answer is mostly not dictated by the image. */
  OPINION(0.6),
  /** A title for the picture. */
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
