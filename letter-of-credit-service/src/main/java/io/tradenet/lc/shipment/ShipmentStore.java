package io.tradenet.lc.shipment;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.service.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** JDBC access to shipments and the states of electronic bills of lading. */
@ApplicationScoped
public class ShipmentStore {

    /** A shipment's current state. */
    public record Stored(String id, String carrier, String shipper, String status, int version, String stateRef, JsonNode state) {
    }

    /** One state of an eBL: who held it then. */
    public record EblState(String stateRef, String number, String holder, JsonNode state) {
    }

    private final Database database;

    @Inject
    public ShipmentStore(Database database) {
        this.database = database;
    }

    public Connection connection() throws SQLException {
        return database.connection();
    }

    public Optional<Stored> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, carrier, shipper, status, version, state_ref, state_json FROM shipment WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(stored(rs)) : Optional.empty();
            }
        }
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6), Json.parse(rs.getString(7)));
    }

    /** Inserts a booked shipment or advances it from {@code version - 1}; false when it moved on meanwhile. */
    /** The most recently changed shipments, newest first: all ({@code party} null) or those the party carries or ships. */
    public List<Stored> recent(Connection c, String party, int limit) throws SQLException {
        String sql = "SELECT id, carrier, shipper, status, version, state_ref, state_json FROM shipment"
                + (party == null ? "" : " WHERE carrier = ? OR shipper = ?") + " ORDER BY updated_at DESC, id LIMIT ?";
        List<Stored> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (party != null) {
                ps.setString(i++, party);
                ps.setString(i++, party);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(stored(rs));
                }
            }
        }
        return out;
    }

    public boolean save(Connection c, String id, String carrier, String shipper, String status, int version, String stateRef, JsonNode state,
                        String eblNumber) throws SQLException {
        if (version == 1) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO shipment (id, carrier, shipper, status, version, state_ref, state_json, "
                    + "ebl_number, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, carrier);
                ps.setString(3, shipper);
                ps.setString(4, status);
                ps.setInt(5, version);
                ps.setString(6, stateRef);
                ps.setString(7, Json.write(state));
                ps.setString(8, eblNumber);
                ps.setTimestamp(9, Timestamp.from(Instant.now()));
                return ps.executeUpdate() == 1;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE shipment SET status = ?, version = ?, state_ref = ?, state_json = ?, "
                + "ebl_number = COALESCE(?, ebl_number), updated_at = ? WHERE id = ? AND version = ?")) {
            ps.setString(1, status);
            ps.setInt(2, version);
            ps.setString(3, stateRef);
            ps.setString(4, Json.write(state));
            ps.setString(5, eblNumber);
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.setString(7, id);
            ps.setInt(8, version - 1);
            return ps.executeUpdate() == 1;
        }
    }

    public void recordEbl(Connection c, String stateRef, String number, String holder, JsonNode state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ebl_state (state_ref, number, holder, state_json, recorded_at) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, stateRef);
            ps.setString(2, number);
            ps.setString(3, holder);
            ps.setString(4, Json.write(state));
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    public Optional<EblState> eblState(Connection c, String stateRef) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state_ref, number, holder, state_json FROM ebl_state WHERE state_ref = ?")) {
            ps.setString(1, stateRef);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new EblState(rs.getString(1), rs.getString(2), rs.getString(3), Json.parse(rs.getString(4))))
                        : Optional.empty();
            }
        }
    }
}
