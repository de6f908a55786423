package io.tradenet.deploy.infra;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are in a checkout: the repository root and each service's runnable jar. */
public final class Layout {

    public static final String ROOT_PROPERTY = "tradenet.repo.root";

    private Layout() {
    }

    /** The repository root: the property if set, else found upwards from this code's location or the working directory. */
    public static Path repositoryRoot() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        try {
            Path here = Path.of(Layout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path found = upwards(here);
            if (found != null) {
                return found;
            }
        } catch (URISyntaxException | SecurityException ignored) {
            // fall through to the working directory
        }
        Path found = upwards(Path.of("").toAbsolutePath());
        if (found == null) {
            throw new IllegalStateException("cannot find the repository root; set -D" + ROOT_PROPERTY);
        }
        return found;
    }

    public static Path serviceJar(String service) {
        return repositoryRoot().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static Path upwards(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("notary-service")) && Files.exists(p.resolve("deploy")) && Files.exists(p.resolve("pom.xml"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }
}
