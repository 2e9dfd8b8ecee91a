package io.troupe.data;

/** IDX magic numbers: 0x0000TTNN, TT = element type code, NN = number of dimensions. */
final class IdxMagic {
  static final int LABELS = 0x00000801;
  static final int IMAGES = 0x00000803;

  private IdxMagic() {}

  static int dimensions(int magic) {
    return magic & 0xFF;
  }

  /** Plain-words meaning of a magic number, for error messages. */
  static String describe(int magic) {
    if (magic == LABELS) {
      return "unsigned byte labels, 1 dimension";
    }
    if (magic == IMAGES) {
      return "unsigned byte images, 3 dimensions";
    }
    String type = (magic >>> 16) != 0 ? null : typeName((magic >>> 8) & 0xFF);
    if (type == null) {
      return "not an IDX file";
    }
    int n = dimensions(magic);
    return type + ", " + n + (n == 1 ? " dimension" : " dimensions");
  }

  private static String typeName(int code) {
    return switch (code) {
      case 0x08 -> "unsigned byte";
      case 0x09 -> "signed byte";
      case 0x0B -> "short";
      case 0x0C -> "int";
      case 0x0D -> "float";
      case 0x0E -> "double";
      default -> null;
    };
  }
}
