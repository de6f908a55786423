package io.tradenet.deploy.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** The PostgreSQL server on 127.0.0.1:5432 (trust auth, user postgres), when one answers. */
public final class Postgres {

    public static final String HOST = Ports.LOOPBACK;
    public static final int PORT = 5432;
    public static final String USER = "postgres";

    private Postgres() {
    }

    public static boolean isAvailable() {
        if (!Ports.answers(HOST, PORT, 1000)) {
            return false;
        }
        try (Connection ignored = connect("postgres")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    public static Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** Creates the database unless it exists. Names are our own identifiers ([a-z0-9_]). */
    public static void createDatabase(String name) {
        requireIdentifier(name);
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    public static void dropDatabase(String name) {
        requireIdentifier(name);
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Whether the server runs autovacuum (which also keeps the planner's statistics current: auto-analyze). */
    public static boolean autovacuumOn() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW autovacuum")) {
            return rs.next() && rs.getString(1).equals("on");
        }
    }

    /**
     * Gathers the planner's statistics on every table of the database ({@code ANALYZE}), as auto-analyze would; the
     * sessions' cached plans of statements on those tables are made again at their next use.
     */
    public static void analyze(String database) throws SQLException {
        requireIdentifier(database);
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
    }

    private static void requireIdentifier(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
    }
}
