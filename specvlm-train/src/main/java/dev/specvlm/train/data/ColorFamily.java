package dev.specvlm.train.data;

import java.util.List;

/**
 * The basic colour categories that questions use and that accuracy is measured on ("the red circle"), each with the
 * words the grammar may use for it.
 */
public enum ColorFamily {
  /** Red. */
  RED(List.of("red"), "reddish",
      List.of("ripe strawberries", "a fire truck", "cherries", "a ladybug", "a stop sign", "red poppies",
          "a ripe tomato", "a valentine", "a red apple", "hot chili peppers", "a cardinal", "raspberries")),
  /** Orange. */
  ORANGE(List.of("orange"), "orangey",
      List.of("a pumpkin", "a sunset", "an orange peel", "autumn leaves", "a traffic cone", "a goldfish", "carrots",
          "a tiger's stripes", "a campfire", "marmalade", "a tangerine", "a basketball")),
  /** Yellow. */
  YELLOW(List.of("yellow"), "yellowish",
      List.of("a lemon", "sunflowers", "a school bus", "a banana", "a rubber duck", "butter", "a canary", "daffodils",
          "sunshine", "a taxi", "a lemon tart", "a bumblebee")),
  /** Green. */
  GREEN(List.of("green"), "greenish",
      List.of("fresh grass", "a leaf", "a frog", "limes", "a pine forest", "a green apple", "peas", "a pool table",
          "spring leaves", "broccoli", "a cucumber", "a parrot")),
  /** Blue-green. */
  TEAL(List.of("teal", "cyan"), "bluish green",
      List.of("a tropical lagoon", "a peacock feather", "sea glass", "a mermaid's tail", "a swimming pool",
          "turquoise jewelry", "a duck's wing", "shallow water", "an old copper roof", "a glacier lake",
          "a tropical fish", "a dragonfly")),
  /** Blue. */
  BLUE(List.of("blue"), "bluish",
      List.of("the sky", "the ocean", "blueberries", "a pair of jeans", "a blue jay", "a summer sky", "a sapphire",
          "a mountain lake", "forget-me-nots", "a police uniform", "a bluebird", "denim")),
  /** Purple. */
  PURPLE(List.of("purple"), "purplish",
      List.of("grapes", "lavender fields", "an eggplant", "a ripe plum", "a violet flower", "an amethyst",
          "a royal robe", "lilacs", "a purple crayon", "a twilight sky", "a plum cake", "a grape soda")),
  /** Pink. */
  PINK(List.of("pink"), "pinkish",
      List.of("cotton candy", "a flamingo", "bubble gum", "cherry blossoms", "a pink rose", "a piglet",
          "strawberry ice cream", "a seashell", "a tutu", "peonies", "a ballet slipper", "pink lemonade")),
  /** Brown. */
  BROWN(List.of("brown"), "brownish",
      List.of("chocolate", "coffee", "a tree trunk", "a teddy bear", "rich soil", "a loaf of bread",
          "a cardboard box", "a violin", "hazelnuts", "a leather bag", "a pine cone", "a wooden spoon")),
  /** Black. */
  BLACK(List.of("black"), "blackish",
      List.of("a night sky", "a piano key", "a chalkboard", "licorice", "a black cat", "coal", "ink", "an old tire",
          "a raven", "a tuxedo", "a top hat", "an umbrella")),
  /** White. */
  WHITE(List.of("white"), "whitish",
      List.of("fresh snow", "a cloud", "milk", "a sheet of paper", "a swan", "a sugar cube", "a daisy petal",
          "a pearl", "cotton", "a wedding dress", "a snowman", "a polar bear")),
  /** Grey. */
  GREY(List.of("grey", "gray"), "greyish",
      List.of("a rain cloud", "an elephant", "a pebble", "a pigeon", "concrete", "a stormy sky", "pencil lead",
          "a mouse", "old stone", "steel", "a dolphin", "a koala"));

  private final List<String> names;
  private final String tinge;
  private final List<String> associations;

  ColorFamily(List<String> names, String tinge, List<String> associations) {
    this.names = names;
    this.tinge = tinge;
    this.associations = associations;
  }

  /** The usual name, e.g. {@code "red"}; questions and ground truth use it. */
  public String word() {
    return names.get(0);
  }

  /** Every name of this family (e.g. "grey" and "gray"), the usual one first. */
  public List<String> names() {
    return names;
  }

  /** Things of this colour, with their article where they take one, e.g. {@code "ripe strawberries"}. */
  public List<String> associations() {
    return associations;
  }

  /** The hedged form, e.g. {@code "reddish"}. */
  public String tinge() {
    return tinge;
  }
}
