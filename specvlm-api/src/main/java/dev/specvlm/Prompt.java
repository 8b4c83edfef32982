package dev.specvlm;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a generation starts from: an ordered sequence of text, images and raw token ids. Immutable; build with
 * {@link #builder()} or the shortcuts {@link #of(String)} and {@link #ofTokens(int...)}.
 *
 * <p>Each image becomes as many visual slots as the model's vision encoder gives for its resolution, placed where the
 * image appears in the sequence. With {@link Builder#chatTemplate(boolean) chatTemplate(true)} (the default) the
 * model folder's chat template wraps the sequence (for example {@code "USER: <image>\n{text} ASSISTANT:"}); raw token
 * parts are inserted verbatim either way. Callers with their own tokenizer use {@link #ofTokens(int...)}, which
 * applies no template.
 */
public final class Prompt {
  /** One element of a prompt. */
  public sealed interface Part permits Text, Image, Tokens {}

  /** Text, tokenized by the model's tokenizer. */
  public record Text(String text) implements Part {
    /** Creates a text part. */
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /** An image, expanded into the model's visual slots. */
  public record Image(ImageInput image) implements Part {
    /** Creates an image part. */
    public Image {
      Objects.requireNonNull(image, "image");
    }
  }

  /** Raw token ids, inserted verbatim; the array is copied on the way in and out. */
  public record Tokens(int[] ids) implements Part {
    /** Creates a token part from a copy of {@code ids}. */
    public Tokens {
      ids = ids.clone();
    }

    /** A copy of the token ids. */
    @Override
    public int[] ids() {
      return ids.clone();
    }

    /** The number of ids. */
    public int size() {
      return ids.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Tokens t && Arrays.equals(t.ids, ids);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
      return "Tokens" + Arrays.toString(ids);
    }
  }

  private final List<Part> parts;
  private final boolean chatTemplate;

  private Prompt(List<Part> parts, boolean chatTemplate) {
    this.parts = List.copyOf(parts);
    this.chatTemplate = chatTemplate;
  }

  /** A text-only prompt wrapped in the model's chat template. */
  public static Prompt of(String text) {
    return builder().text(text).build();
  }

  /** A prompt of raw token ids, used verbatim (no chat template). */
  public static Prompt ofTokens(int... ids) {
    return builder().tokens(ids).chatTemplate(false).build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this prompt's parts and settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.parts.addAll(parts);
    b.chatTemplate = chatTemplate;
    return b;
  }

  /** The parts, in order; never empty. */
  public List<Part> parts() {
    return parts;
  }

  /** Whether the model's chat template wraps the parts. */
  public boolean chatTemplate() {
    return chatTemplate;
  }

  /** The number of image parts. */
  public int imageCount() {
    return (int) parts.stream().filter(p -> p instanceof Image).count();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Prompt p && p.parts.equals(parts) && p.chatTemplate == chatTemplate;
  }

  @Override
  public int hashCode() {
    return Objects.hash(parts, chatTemplate);
  }

  @Override
  public String toString() {
    return "Prompt" + parts + (chatTemplate ? " (chat template)" : "");
  }

  /** Builds a {@link Prompt}; parts keep the order in which they are added. Not thread-safe. */
  public static final class Builder {
    private final List<Part> parts = new ArrayList<>();
    private boolean chatTemplate = true;

    private Builder() {}

    /** Appends text. */
    public Builder text(String text) {
      parts.add(new Text(text));
      return this;
    }

    /** Appends an image. */
    public Builder image(ImageInput image) {
      parts.add(new Image(image));
      return this;
    }

    /** Appends an image file. */
    public Builder image(Path path) {
      return image(ImageInput.of(path));
    }

    /** Appends encoded image bytes (copied). */
    public Builder image(byte[] encoded) {
      return image(ImageInput.of(encoded));
    }

    /** Appends an in-memory image. */
    public Builder image(BufferedImage image) {
      return image(ImageInput.of(image));
    }

    /**
     * Appends raw token ids (copied).
     *
     * @throws InvalidRequestException if {@code ids} is empty or holds a negative id
     */
    public Builder tokens(int... ids) {
      if (ids.length == 0) {
        throw new InvalidRequestException("token ids must not be empty");
      }
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] < 0) {
          throw new InvalidRequestException("token id at index " + i + " is negative: " + ids[i]);
        }
      }
      parts.add(new Tokens(ids));
      return this;
    }

    /** Whether the model's chat template wraps the parts (default true). */
    public Builder chatTemplate(boolean apply) {
      this.chatTemplate = apply;
      return this;
    }

    /**
     * Builds the prompt.
     *
     * @throws InvalidRequestException if no part was added
     */
    public Prompt build() {
      if (parts.isEmpty()) {
        throw new InvalidRequestException("a prompt needs at least one part: add text, an image or token ids");
      }
      return new Prompt(parts, chatTemplate);
    }
  }
}
