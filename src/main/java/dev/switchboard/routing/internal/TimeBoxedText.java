package dev.switchboard.routing.internal;

/**
 * Text that refuses to be read after a deadline. The regex engine reads its input only through
 * {@link #charAt}, so a pattern that backtracks catastrophically stops there instead of stalling intake.
 * The deadline is a {@link System#nanoTime()} reading: it bounds elapsed work, it is not a time of day.
 */
final class TimeBoxedText implements CharSequence {

    static final class TimedOut extends RuntimeException {
        TimedOut() {
            super(null, null, false, false);
        }
    }

    private final CharSequence text;
    private final long deadline;

    TimeBoxedText(CharSequence text, long deadline) {
        this.text = text;
        this.deadline = deadline;
    }

    @Override
    public char charAt(int index) {
        if (System.nanoTime() - deadline > 0) {
            throw new TimedOut();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new TimeBoxedText(text.subSequence(start, end), deadline);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
