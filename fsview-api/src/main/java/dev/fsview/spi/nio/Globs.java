package dev.fsview.spi.nio;

import java.nio.file.PathMatcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@link java.nio.file.FileSystem#getPathMatcher(String)} for view file systems: the {@code glob}
 * and {@code regex} syntaxes with the JDK's Unix rules, so a pattern matches the same names in a
 * view as on the host. In a glob, {@code *} and {@code ?} never cross {@code /}, {@code **} does,
 * {@code [..]} is a class ({@code [!..]} negated) that never matches {@code /}, {@code {a,b}} is a
 * group (not nested), and {@code \} escapes.
 */
public final class Globs {
    private static final String REGEX_META = ".^$+{[]|()";
    private static final String GLOB_META = "\\*?[{";
    private static final char EOL = 0;

    private Globs() {}

    /**
     * Builds a matcher from {@code syntax:pattern}.
     *
     * @param syntaxAndPattern e.g. {@code glob:*.txt} or {@code regex:.*\.txt}
     * @return a matcher of a path's string form
     * @throws IllegalArgumentException if there is no {@code :}
     * @throws UnsupportedOperationException if the syntax is neither {@code glob} nor {@code regex}
     * @throws PatternSyntaxException if the pattern is malformed
     */
    public static PathMatcher matcher(String syntaxAndPattern) {
        int colon = syntaxAndPattern.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException();
        }
        String syntax = syntaxAndPattern.substring(0, colon);
        String input = syntaxAndPattern.substring(colon + 1);
        String regex;
        if (syntax.equalsIgnoreCase("glob")) {
            regex = toRegex(input);
        } else if (syntax.equalsIgnoreCase("regex")) {
            regex = input;
        } else {
            throw new UnsupportedOperationException("Syntax '" + syntax + "' not recognized");
        }
        Pattern pattern = Pattern.compile(regex);
        return path -> pattern.matcher(path.toString()).matches();
    }

    /**
     * Translates a glob to a regular expression with the JDK's Unix rules.
     *
     * @param glob the glob
     * @return an anchored regular expression
     * @throws PatternSyntaxException if the glob is malformed
     */
    public static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder("^");
        boolean inGroup = false;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            switch (c) {
                case '\\':
                    if (i == glob.length()) {
                        throw new PatternSyntaxException("No character to escape", glob, i - 1);
                    }
                    char escaped = glob.charAt(i++);
                    if (isMeta(escaped, GLOB_META) || isMeta(escaped, REGEX_META)) {
                        regex.append('\\');
                    }
                    regex.append(escaped);
                    break;
                case '/':
                    regex.append(c);
                    break;
                case '[':
                    i = appendClass(glob, i, regex);
                    break;
                case '{':
                    if (inGroup) {
                        throw new PatternSyntaxException("Cannot nest groups", glob, i - 1);
                    }
                    regex.append("(?:(?:");
                    inGroup = true;
                    break;
                case '}':
                    if (inGroup) {
                        regex.append("))");
                        inGroup = false;
                    } else {
                        regex.append('}');
                    }
                    break;
                case ',':
                    regex.append(inGroup ? ")|(?:" : ",");
                    break;
                case '*':
                    if (next(glob, i) == '*') {
                        regex.append(".*");
                        i++;
                    } else {
                        regex.append("[^/]*");
                    }
                    break;
                case '?':
                    regex.append("[^/]");
                    break;
                default:
                    if (isMeta(c, REGEX_META)) {
                        regex.append('\\');
                    }
                    regex.append(c);
            }
        }
        if (inGroup) {
            throw new PatternSyntaxException("Missing '}'", glob, i - 1);
        }
        return regex.append('$').toString();
    }

    /** Appends a bracket class starting after '['; returns the index after its ']'. */
    private static int appendClass(String glob, int i, StringBuilder regex) {
        regex.append("[[^/]&&[");
        if (next(glob, i) == '^') {
            regex.append("\\^"); // '^' is literal in a glob class
            i++;
        } else {
            if (next(glob, i) == '!') {
                regex.append('^');
                i++;
            }
            if (next(glob, i) == '-') {
                regex.append('-');
                i++;
            }
        }
        boolean hasRangeStart = false;
        char last = 0;
        char c = 0;
        while (i < glob.length()) {
            c = glob.charAt(i++);
            if (c == ']') {
                break;
            }
            if (c == '/') {
                throw new PatternSyntaxException("Explicit 'name separator' in class", glob, i - 1);
            }
            if (c == '\\' || c == '[' || (c == '&' && next(glob, i) == '&')) {
                regex.append('\\');
            }
            regex.append(c);
            if (c == '-') {
                if (!hasRangeStart) {
                    throw new PatternSyntaxException("Invalid range", glob, i - 1);
                }
                c = next(glob, i++);
                if (c == EOL || c == ']') {
                    break;
                }
                if (c < last) {
                    throw new PatternSyntaxException("Invalid range", glob, i - 3);
                }
                regex.append(c);
                hasRangeStart = false;
            } else {
                hasRangeStart = true;
                last = c;
            }
        }
        if (c != ']') {
            throw new PatternSyntaxException("Missing ']", glob, i - 1);
        }
        regex.append("]]");
        return i;
    }

    private static boolean isMeta(char c, String meta) {
        return meta.indexOf(c) >= 0;
    }

    private static char next(String glob, int i) {
        return i < glob.length() ? glob.charAt(i) : EOL;
    }
}
