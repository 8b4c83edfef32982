package dev.specvlm.train.data;

import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * The kinds of object a scene may hold, with the nouns the grammar uses for them and their outline geometry. Every
 * outline fits a box of {@code 2r × 2r} (or less) around its centre, and stays recognisable down to {@code r ≈ 6}
 * pixels, the smallest radius a 64×64 scene uses.
 */
public enum ShapeKind {
  /** A filled circle. */
  CIRCLE(List.of("circle", "disc"), List.of("circles", "discs"),
      List.of("is perfectly round", "has no corners at all", "is round all the way around"),
      List.of("a coin", "a ball", "the sun", "a plate", "a button", "a wheel", "a full moon", "a cookie",
          "a dinner plate", "a bubble")),
  /** An axis-aligned square. */
  SQUARE(List.of("square"), List.of("squares"),
      List.of("has four equal sides", "has four right angles", "has four straight sides of the same length"),
      List.of("a tile", "a sticky note", "a window pane", "a cracker", "a chess square", "a stamp", "a napkin",
          "the face of a die", "a postage stamp", "a slice of toast")),
  /** A rectangle twice as wide as it is tall. */
  RECTANGLE(List.of("rectangle", "bar", "oblong"), List.of("rectangles", "bars", "oblongs"),
      List.of("is twice as wide as it is tall", "has two long sides and two short ones", "lies flat and wide"),
      List.of("a brick", "a domino", "a door", "a bar of chocolate", "a banknote", "a ruler", "a book",
          "a phone screen", "a stick of gum", "a bench")),
  /** A triangle pointing up. */
  TRIANGLE(List.of("triangle"), List.of("triangles"),
      List.of("has three sides", "has three corners", "points upward"),
      List.of("a slice of pizza", "a mountain peak", "a sail", "a warning sign", "a tent", "a pyramid",
          "a sandwich half", "a party hat", "a slice of cake", "a traffic warning sign")),
  /** A five-pointed star. */
  STAR(List.of("star", "five-pointed star"), List.of("stars", "five-pointed stars"),
      List.of("has five points", "has five sharp tips", "points upward with one of its tips"),
      List.of("a sheriff's badge", "a starfish", "a Christmas tree topper", "a gold sticker", "a sparkle",
          "a sea star", "a reward sticker", "a shooting star", "a Christmas ornament", "a twinkling star")),
  /** A regular hexagon with flat top and bottom. */
  HEXAGON(List.of("hexagon"), List.of("hexagons"),
      List.of("has six sides", "has six corners", "has six equal edges"),
      List.of("a honeycomb cell", "a nut", "a snowflake", "a board game tile", "a soccer ball patch",
          "a bathroom tile", "a pencil end", "a bolt head", "a floor tile", "a bee's cell")),
  /** A regular pentagon pointing up. */
  PENTAGON(List.of("pentagon"), List.of("pentagons"),
      List.of("has five sides", "has five corners", "has five equal edges"),
      List.of("home plate", "a birdhouse", "a school crossing sign", "a badge", "a gem", "a house outline",
          "a shield", "a soccer ball patch", "a crystal", "a birdhouse roof")),
  /** A rhombus standing on one corner. */
  DIAMOND(List.of("diamond", "rhombus"), List.of("diamonds", "rhombuses"),
      List.of("stands on one of its corners", "has four sides and stands on a point", "is taller than it is wide"),
      List.of("a kite", "a playing card suit", "a road sign", "a gemstone", "a harlequin pattern", "a cushion",
          "a lozenge", "a baseball infield", "a sapphire", "a sign on a playing card")),
  /** A plus sign. */
  CROSS(List.of("cross", "plus sign"), List.of("crosses", "plus signs"),
      List.of("has four equal arms", "looks like a plus sign", "has arms pointing up, down, left and right"),
      List.of("a plus key", "a first aid sign", "a pharmacy sign", "a flag", "a window frame", "a crossroads",
          "a hospital sign", "a sewing mark", "a bandage", "a road junction")),
  /** An ellipse wider than tall. */
  OVAL(List.of("oval", "ellipse"), List.of("ovals", "ellipses"),
      List.of("is wider than it is tall", "looks like a stretched circle", "has a smooth, rounded outline"),
      List.of("an egg", "a rugby ball", "a mirror", "a pebble", "a platter", "a running track", "a bean",
          "a jelly bean", "a pebble on the beach", "a racetrack")),
  /** A circle with a hole in the middle. */
  RING(List.of("ring", "hollow circle"), List.of("rings", "hollow circles"),
      List.of("has a hole in the middle", "is hollow in the center", "looks like a round frame"),
      List.of("a donut", "a life buoy", "a bagel", "a tire", "a wedding ring", "a hula hoop", "a washer",
          "a bracelet", "a life ring", "a rubber band")),
  /** An arrow pointing right. */
  ARROW(List.of("arrow"), List.of("arrows"),
      List.of("points to the right", "has a pointed head on its right end", "points toward the right edge"),
      List.of("a road sign", "a mouse cursor", "a direction marker", "a play button", "a signpost", "a weather vane",
          "a map marker", "a next button", "a wind sock", "a compass needle")),
  /** A crescent opening to the right. */
  CRESCENT(List.of("crescent", "crescent moon"), List.of("crescents", "crescent moons"),
      List.of("opens to the right", "looks like a thin slice of the moon", "curves like a new moon"),
      List.of("a new moon", "a croissant", "a banana", "a fingernail", "a bite mark", "a lemon slice", "a smile",
          "a hammock", "a slice of cantaloupe", "a fingernail moon")),
  /** A heart. */
  HEART(List.of("heart"), List.of("hearts"),
      List.of("has two round lobes on top and a point at the bottom", "looks like a classic love symbol",
          "points downward"),
      List.of("a valentine", "a love letter", "a candy heart", "a playing card suit", "a locket", "a balloon",
          "a cookie", "an emoji", "a card for a loved one", "a strawberry")),
  /** Half a disc, flat side down. */
  SEMICIRCLE(List.of("semicircle", "half circle"), List.of("semicircles", "half circles"),
      List.of("has a flat bottom and a curved top", "looks like half of a circle", "is flat along its base"),
      List.of("a rainbow", "a dome", "a setting sun", "a slice of melon", "a protractor", "a tunnel", "a bridge arch",
          "a half moon", "a hill on the horizon", "an umbrella")),
  /** A trapezoid, wider at the bottom. */
  TRAPEZOID(List.of("trapezoid", "trapezium"), List.of("trapezoids", "trapeziums"),
      List.of("is wider at the bottom than at the top", "has two parallel sides", "has four sides and a narrow top"),
      List.of("a lampshade", "a flower pot", "a bucket", "a popcorn box", "a handbag", "a roof", "a dustpan",
          "a sand castle", "a drinking glass", "a bowl"));

  private final List<String> nouns;
  private final List<String> pluralNouns;
  private final List<String> facts;
  private final List<String> lookalikes;

  ShapeKind(List<String> nouns, List<String> pluralNouns, List<String> facts, List<String> lookalikes) {
    this.nouns = nouns;
    this.pluralNouns = pluralNouns;
    this.facts = facts;
    this.lookalikes = lookalikes;
  }

  /** The usual singular noun, e.g. {@code "circle"}; questions and ground truth use it. */
  public String noun() {
    return nouns.get(0);
  }

  /** The usual plural noun, e.g. {@code "circles"}. */
  public String pluralNoun() {
    return pluralNouns.get(0);
  }

  /** Every singular noun for this kind, the usual one first. */
  public List<String> nouns() {
    return nouns;
  }

  /** Every plural noun, parallel to {@link #nouns()}. */
  public List<String> pluralNouns() {
    return pluralNouns;
  }

  /** Verb phrases true of every object of this kind, e.g. {@code "has three sides"}. */
  public List<String> facts() {
    return facts;
  }

  /** Everyday things an object of this kind resembles, with their article, e.g. {@code "a coin"}. */
  public List<String> lookalikes() {
    return lookalikes;
  }

  /**
   * The outline of an object of this kind centred at ({@code cx}, {@code cy}) with half-extent {@code r}, in pixels
   * (y grows downward).
   */
  public Shape outline(double cx, double cy, double r) {
    return switch (this) {
      case CIRCLE -> new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
      case SQUARE -> new Rectangle2D.Double(cx - 0.9 * r, cy - 0.9 * r, 1.8 * r, 1.8 * r);
      case RECTANGLE -> new Rectangle2D.Double(cx - r, cy - 0.5 * r, 2 * r, r);
      case TRIANGLE -> polygon(cx, cy, r, new double[] {0, -1, 1, 0.8, -1, 0.8});
      case STAR -> star(cx, cy + 0.1 * r, r);
      case HEXAGON -> regular(cx, cy, r, 6, 0);
      case PENTAGON -> regular(cx, cy + 0.1 * r, r, 5, -Math.PI / 2);
      case DIAMOND -> polygon(cx, cy, r, new double[] {0, -1, 0.72, 0, 0, 1, -0.72, 0});
      case CROSS -> cross(cx, cy, r);
      case OVAL -> new Ellipse2D.Double(cx - r, cy - 0.6 * r, 2 * r, 1.2 * r);
      case RING -> ring(cx, cy, r);
      case ARROW -> polygon(cx, cy, r,
          new double[] {-1, -0.28, 0.1, -0.28, 0.1, -0.8, 1, 0, 0.1, 0.8, 0.1, 0.28, -1, 0.28});
      case CRESCENT -> crescent(cx, cy, r);
      case HEART -> heart(cx, cy, r);
      case SEMICIRCLE -> new Arc2D.Double(cx - r, cy - 0.5 * r, 2 * r, 2 * r, 0, 180, Arc2D.CHORD);
      case TRAPEZOID -> polygon(cx, cy, r, new double[] {-0.5, -0.65, 0.5, -0.65, 1, 0.65, -1, 0.65});
    };
  }

  /** A polygon from unit offsets {@code xy = [x0, y0, x1, y1, …]} scaled by {@code r} around the centre. */
  private static Shape polygon(double cx, double cy, double r, double[] xy) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(cx + xy[0] * r, cy + xy[1] * r);
    for (int i = 2; i < xy.length; i += 2) {
      p.lineTo(cx + xy[i] * r, cy + xy[i + 1] * r);
    }
    p.closePath();
    return p;
  }

  private static Shape regular(double cx, double cy, double r, int corners, double startAngle) {
    double[] xy = new double[2 * corners];
    for (int i = 0; i < corners; i++) {
      double a = startAngle + 2 * Math.PI * i / corners;
      xy[2 * i] = Math.cos(a);
      xy[2 * i + 1] = Math.sin(a);
    }
    return polygon(cx, cy, r, xy);
  }

  private static Shape star(double cx, double cy, double r) {
    double[] xy = new double[20];
    for (int i = 0; i < 10; i++) {
      double a = -Math.PI / 2 + Math.PI * i / 5;
      double radius = i % 2 == 0 ? 1 : 0.45;
      xy[2 * i] = radius * Math.cos(a);
      xy[2 * i + 1] = radius * Math.sin(a);
    }
    return polygon(cx, cy, r, xy);
  }

  private static Shape cross(double cx, double cy, double r) {
    double t = 0.32 * r;
    Area a = new Area(new Rectangle2D.Double(cx - r, cy - t, 2 * r, 2 * t));
    a.add(new Area(new Rectangle2D.Double(cx - t, cy - r, 2 * t, 2 * r)));
    return a;
  }

  private static Shape ring(double cx, double cy, double r) {
    double inner = 0.52 * r;
    Area a = new Area(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    a.subtract(new Area(new Ellipse2D.Double(cx - inner, cy - inner, 2 * inner, 2 * inner)));
    return a;
  }

  private static Shape crescent(double cx, double cy, double r) {
    Area a = new Area(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    double cut = 0.82 * r;
    double ox = cx + 0.48 * r;
    a.subtract(new Area(new Ellipse2D.Double(ox - cut, cy - cut, 2 * cut, 2 * cut)));
    return a;
  }

  private static Shape heart(double cx, double cy, double r) {
    double lobe = 0.52 * r;
    Area a = new Area(new Ellipse2D.Double(cx - r, cy - 0.85 * r, 2 * lobe, 2 * lobe));
    a.add(new Area(new Ellipse2D.Double(cx + r - 2 * lobe, cy - 0.85 * r, 2 * lobe, 2 * lobe)));
    Path2D.Double tip = new Path2D.Double();
    tip.moveTo(cx - 0.97 * r, cy - 0.2 * r);
    tip.lineTo(cx + 0.97 * r, cy - 0.2 * r);
    tip.lineTo(cx, cy + r);
    tip.closePath();
    a.add(new Area(tip));
    return a;
  }
}
