package dev.specvlm.bench.e2e;

import dev.specvlm.Prompt;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One prompt of a {@link PromptSet}: an optional image and a question, with free-form tags.
 *
 * @param id the prompt's id, unique in its set
 * @param image the image file (resolved against the set's folder), or null for a text-only prompt
 * @param question the user's question
 * @param tags free-form labels, e.g. {@code resolution → 128x128}
 */
public record PromptCase(String id, @Nullable Path image, String question, Map<String, String> tags) {
  /** Validates and copies. */
  public PromptCase {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(question, "question");
    tags = Map.copyOf(tags);
  }

  /** The prompt the model sees: the image (if any) then the question, in the model's chat template. */
  public Prompt toPrompt() {
    Prompt.Builder b = Prompt.builder();
    if (image != null) {
      b.image(image);
    }
    return b.text(question).build();
  }
}
