package dev.switchboard.ticket;

import dev.switchboard.web.InvalidRequest;
import java.util.Collection;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Tags are short lower-case words; the same tag in other case or with spaces around is the same tag. */
public final class Tags {

    public static final int MAX_TAGS = 50;
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_\\-.:]{1,64}");

    private Tags() {
    }

    public static SortedSet<String> normalize(String field, Collection<String> tags) {
        SortedSet<String> clean = new TreeSet<>();
        if (tags == null) {
            return clean;
        }
        for (String tag : tags) {
            String t = tag == null ? "" : tag.trim().toLowerCase(Locale.ROOT);
            if (!TAG.matcher(t).matches()) {
                throw InvalidRequest.field(field, "'" + tag + "' is not a tag: use 1 to 64 letters, digits, or _ - . :");
            }
            clean.add(t);
        }
        if (clean.size() > MAX_TAGS) {
            throw InvalidRequest.field(field, "at most " + MAX_TAGS + " tags");
        }
        return clean;
    }
}
