package dev.specvlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PromptTest {

  @Test
  void builder_keepsPartOrder() {
    Prompt p = Prompt.builder().image(Path.of("a.png")).text("What is this?").tokens(5, 6).build();
    assertEquals(3, p.parts().size());
    assertTrue(p.parts().get(0) instanceof Prompt.Image);
    assertEquals(new Prompt.Text("What is this?"), p.parts().get(1));
    assertArrayEquals(new int[] {5, 6}, ((Prompt.Tokens) p.parts().get(2)).ids());
    assertEquals(1, p.imageCount());
    assertTrue(p.chatTemplate());
  }

  @Test
  void ofTokens_appliesNoTemplateAndCopiesIds() {
    int[] ids = {1, 2, 3};
    Prompt p = Prompt.ofTokens(ids);
    ids[0] = 9;
    assertFalse(p.chatTemplate());
    assertArrayEquals(new int[] {1, 2, 3}, ((Prompt.Tokens) p.parts().get(0)).ids());
  }

  @Test
  void emptyPromptOrBadTokens_areRefused() {
    assertThrows(InvalidRequestException.class, () -> Prompt.builder().build());
    assertThrows(InvalidRequestException.class, () -> Prompt.ofTokens());
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Prompt.ofTokens(1, -4));
    assertTrue(e.getMessage().contains("-4"), e.getMessage());
  }

  @Test
  void imageBytes_areCopied() {
    byte[] png = {1, 2, 3};
    ImageInput in = ImageInput.of(png);
    png[0] = 7;
    assertArrayEquals(new byte[] {1, 2, 3}, in.bytes());
    assertEquals(ImageInput.Source.BYTES, in.source());
  }
}
