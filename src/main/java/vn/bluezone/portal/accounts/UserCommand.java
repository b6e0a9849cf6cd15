package vn.bluezone.portal.accounts;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code bluezone-portal user add|list|passwd|token|remove}: staff accounts from the command line. Passwords are
 * read from standard input (one line), or asked twice when a person sits at the console. Exit codes: 0 done,
 * 2 bad input (the message says what, in English and Vietnamese).
 */
public final class UserCommand {
    public static final String USAGE = """
            Usage / Cách dùng:
              java -jar bluezone-portal.jar user add <username> --role operator|venue|authority [--venue CODE[,CODE]] [--config FILE]
              java -jar bluezone-portal.jar user list [--config FILE]
              java -jar bluezone-portal.jar user passwd <username> [--config FILE]
              java -jar bluezone-portal.jar user token <username> [--config FILE]
              java -jar bluezone-portal.jar user remove <username> [--config FILE]

            add and passwd read the password from standard input, or ask twice on a console (at least 10 characters).
            add và passwd đọc mật khẩu từ đầu vào chuẩn, hoặc hỏi hai lần trên bàn phím (ít nhất 10 ký tự).
            token prints a new API token once (it replaces the user's previous token).
            token in ra một mã API mới một lần duy nhất (thay cho mã cũ của người dùng).""";

    /** Where a new password comes from. */
    @FunctionalInterface
    public interface PasswordInput {
        /** @throws BadInput when none was given or the two entries differ */
        String newPassword();
    }

    /** Input the command refuses; exit code 2. */
    public static final class BadInput extends RuntimeException {
        public BadInput(String message) {
            super(message);
        }
    }

    private final AccountStore store;
    private final UserAdmin admin;
    private final PasswordInput passwords;
    private final PrintStream out;

    /** @param venueCodes the configured venues: a venue user may only be given these */
    public UserCommand(AccountStore store, PasswordHasher hasher, ApiTokens tokens, List<String> venueCodes, PasswordInput passwords,
            PrintStream out) {
        this.store = store;
        this.admin = new UserAdmin(store, hasher, tokens, venueCodes);
        this.passwords = passwords;
        this.out = out;
    }

    /**
     * Runs one sub-command ({@code args} without the leading {@code user} and without {@code --config FILE}).
     *
     * @throws BadInput with a bilingual message
     */
    public void run(List<String> args) {
        if (args.isEmpty()) {
            throw new BadInput(USAGE);
        }
        List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "add" -> add(rest);
            case "list" -> list(rest);
            case "passwd" -> passwd(rest);
            case "token" -> token(rest);
            case "remove" -> remove(rest);
            default -> throw new BadInput("unknown command '" + args.get(0) + "' / lệnh không rõ '" + args.get(0) + "'\n\n" + USAGE);
        }
    }

    private void add(List<String> args) {
        List<String> positional = new ArrayList<>();
        Optional<String> role = Optional.empty();
        Optional<String> venues = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--role") || a.equals("--venue")) {
                if (i + 1 >= args.size()) {
                    throw new BadInput(a + " needs a value / " + a + " cần một giá trị");
                }
                if (a.equals("--role")) {
                    role = Optional.of(args.get(++i));
                } else {
                    venues = Optional.of(args.get(++i));
                }
            } else if (a.startsWith("--")) {
                throw new BadInput("unknown option '" + a + "' / tùy chọn không rõ '" + a + "'");
            } else {
                positional.add(a);
            }
        }
        String username = username(positional);
        Role r = Role.fromCode(role.orElseThrow(() -> new BadInput("--role operator|venue|authority is required / cần --role operator|venue|authority")))
                .orElseThrow(() -> new BadInput("--role must be operator, venue or authority / --role phải là operator, venue hoặc authority"));
        List<String> codes = venues.map(v -> Arrays.asList(v.split(","))).orElse(List.of());
        User added = refusedAsBadInput(() -> admin.add(username, r, codes, passwords::newPassword));
        out.println("added / đã thêm: " + describe(added));
    }

    private void list(List<String> args) {
        if (!args.isEmpty()) {
            throw new BadInput("'user list' takes no arguments / 'user list' không nhận tham số");
        }
        List<User> users = store.list();
        out.printf("%-32s %-10s %s%n", "USER / NGƯỜI DÙNG", "ROLE", "VENUES / ĐỊA ĐIỂM");
        for (User u : users) {
            out.printf("%-32s %-10s %s%n", u.username(), u.role().code(), u.venues().isEmpty() ? "*" : String.join(",", u.venues()));
        }
    }

    private void passwd(List<String> args) {
        String username = existing(username(args));
        String password = passwords.newPassword();
        refusedAsBadInput(() -> {
            admin.changePassword(username, password);
            return username;
        });
        out.println("password changed, sessions ended / đã đổi mật khẩu, các phiên đăng nhập đã kết thúc: " + username);
    }

    private void token(List<String> args) {
        String username = existing(username(args));
        String token = refusedAsBadInput(() -> admin.issueToken(username));
        out.println("API token for / mã API của " + username + " (shown once, keep it safe / chỉ hiện một lần, hãy giữ kỹ):");
        out.println(token);
    }

    private void remove(List<String> args) {
        String username = existing(username(args));
        refusedAsBadInput(() -> {
            admin.remove(username);
            return username;
        });
        out.println("removed / đã xóa: " + username);
    }

    private static String username(List<String> positional) {
        if (positional.size() != 1) {
            throw new BadInput("exactly one user name is needed / cần đúng một tên người dùng\n\n" + USAGE);
        }
        String username = positional.get(0);
        if (!User.isValidUsername(username)) {
            throw new BadInput("'" + username + "': the user name must be 3 to 32 of a-z 0-9 . _ - / tên người dùng phải gồm 3 đến 32 ký tự a-z 0-9 . _ -");
        }
        return username;
    }

    private String existing(String username) {
        if (store.find(username).isEmpty()) {
            throw new BadInput("no user '" + username + "' / không có người dùng '" + username + "'");
        }
        return username;
    }

    private static String describe(User u) {
        return u.username() + " (" + u.role().code() + (u.venues().isEmpty() ? "" : ": " + String.join(",", u.venues())) + ")";
    }

    private static <T> T refusedAsBadInput(Supplier<T> action) {
        try {
            return action.get();
        } catch (UserAdmin.Refused e) {
            throw new BadInput(e.getMessage());
        }
    }

    /**
     * Asks twice on a console (nothing echoed); otherwise reads one line from {@code stdin}, as a script pipes it.
     */
    public static PasswordInput consoleOrStdin(Console console, InputStream stdin) {
        if (console != null) {
            return () -> {
                char[] first = console.readPassword("Password / Mật khẩu: ");
                char[] second = console.readPassword("Again / Nhập lại: ");
                if (first == null || second == null || !Arrays.equals(first, second)) {
                    throw new BadInput("the two passwords differ / hai mật khẩu không khớp");
                }
                return new String(first);
            };
        }
        return () -> {
            try {
                String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new BadInput("no password on standard input / không có mật khẩu ở đầu vào chuẩn");
                }
                return line;
            } catch (IOException e) {
                throw new BadInput("cannot read the password: " + e.getMessage() + " / không đọc được mật khẩu");
            }
        };
    }
}
