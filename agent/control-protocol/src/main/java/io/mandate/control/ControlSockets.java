package io.mandate.control;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where control sockets live: {@code ${java.io.tmpdir}/mandate-<user>/<pid>.sock}, in a directory
 * only its owner may enter (0700). The directory's permissions keep other users from even
 * connecting; the agent also checks each peer's credentials, so a directory someone loosened is
 * not a way in. A directory owned by another user is never used: someone could have created it to
 * receive the operators' commands.
 */
public final class ControlSockets {
    /** The system property the agent sets to its socket's path, for clients whose tmpdir differs. */
    public static final String SOCKET_PROPERTY = "io.mandate.control.socket";
    private static final String SUFFIX = ".sock";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private final Path directory;

    private ControlSockets(Path directory) {
        this.directory = directory;
    }

    /** The directory of the user running this JVM under this JVM's temporary directory. */
    public static ControlSockets forCurrentUser() {
        return in(Path.of(System.getProperty("java.io.tmpdir")), System.getProperty("user.name", "unknown"));
    }

    static ControlSockets in(Path temporaryDirectory, String user) {
        String safeUser = UNSAFE.matcher(user).replaceAll("_").toLowerCase(Locale.ROOT);
        return new ControlSockets(temporaryDirectory.resolve("mandate-" + safeUser));
    }

    public Path directory() {
        return directory;
    }

    public Path socketOf(long pid) {
        return directory.resolve(pid + SUFFIX);
    }

    /** The pid a socket file is named after, or -1 when the name is not one of ours. */
    public static long pidOf(Path socket) {
        String name = socket.getFileName().toString();
        if (!name.endsWith(SUFFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The OS user this JVM runs as. */
    public static UserPrincipal currentUser() throws IOException {
        return FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
    }

    /**
     * Creates the directory (0700) or checks the one there: it must be a real directory of this
     * user; permissions wider than 0700 are narrowed.
     *
     * @throws IOException when it cannot be made safe
     */
    public Path prepareDirectory() throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException createdConcurrently) {
                // another JVM of this user made it at the same moment: checked below like any existing one
            }
        }
        checkOwnedDirectory();
        if (!Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(directory, OWNER_ONLY);
        }
        return directory;
    }

    /**
     * Checks that the directory exists, is no symbolic link and belongs to this user, as a client
     * must before it sends anything through a socket in it.
     */
    public void checkOwnedDirectory() throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(directory + " is not a directory");
        }
        UserPrincipal owner = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS);
        if (!owner.equals(currentUser())) {
            throw new IOException(directory + " belongs to " + owner.getName() + ", not to "
                    + System.getProperty("user.name") + "; refusing to use it");
        }
    }
}
