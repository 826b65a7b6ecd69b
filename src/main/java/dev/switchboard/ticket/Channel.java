package dev.switchboard.ticket;

import java.util.Locale;

/** Where a ticket came in. */
public enum Channel {
    WEB, API, EMAIL, WIDGET, CHAT, TELEGRAM, PHONE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
