package org.nakamoto.wallet.cli;

import java.io.Console;

/** Where secrets are typed: the process's console, or a scripted one in tests. */
public interface Terminal {
    /** Whether there is someone to ask; without a console the wallet fails rather than hang on stdin. */
    boolean available();

    /** Reads a line without echo. */
    char[] readSecret(String prompt);

    /** The real console, if the JVM has one. */
    static Terminal system() {
        Console console = System.console();
        return new Terminal() {
            @Override
            public boolean available() {
                return console != null;
            }

            @Override
            public char[] readSecret(String prompt) {
                char[] line = console.readPassword("%s", prompt);
                return line == null ? new char[0] : line;
            }
        };
    }
}
