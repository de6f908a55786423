package io.tradenet.contract.party;

import io.tradenet.contract.party.NetworkGenerator.PartySpec;

import java.util.List;
import java.util.Set;

/**
 * The parties of the local demo network and of the tests: the three services, a regulator, a carrier,
 * and the banks, applicants and beneficiaries of the MT700 samples (all fictional).
 */
public final class DemoNetwork {

    public static final String NAME = "tradenet-local";

    public static final String NOTARY = "notary";
    public static final String LEDGER = "ledger";
    public static final String GATEWAY = "lc-gateway";
    public static final String REGULATOR = "regulator";
    public static final String CARRIER = "oceanic-lines";
    public static final String ISSUING_BANK = "tfbk-shanghai";
    public static final String ADVISING_BANK = "tfbk-hamburg";
    public static final String APPLICANT = "huaxin-trading";
    public static final String BENEFICIARY = "nordsee-maschinenbau";

    private DemoNetwork() {
    }

    public static List<PartySpec> parties() {
        return List.of(
                PartySpec.of(NOTARY, Role.NOTARY),
                PartySpec.of(LEDGER, Role.LEDGER),
                PartySpec.of(GATEWAY, Role.GATEWAY),
                PartySpec.of(REGULATOR, Role.REGULATOR),
                new PartySpec(CARRIER, Set.of(Role.CARRIER), null, "OCEANIC LINES SHIPPING CO"),
                bank(ISSUING_BANK, "TFBKCNSHXXX"),
                bank(ADVISING_BANK, "TFBKDEHHXXX"),
                bank("tfbk-beijing", "TFBKCNBJXXX"),
                bank("tfbk-vietnam", "TFBKVNVXXXX"),
                bank("tfbk-saopaulo", "TFBKBRSPXXX"),
                bank("tfbk-ningbo", "TFBKCNNBXXX"),
                trader(APPLICANT, Role.APPLICANT, "SHANGHAI HUAXIN TRADING CO LTD"),
                trader(BENEFICIARY, Role.BENEFICIARY, "NORDSEE MASCHINENBAU GMBH"),
                trader("aroma-foods", Role.APPLICANT, "BEIJING AROMA FOODS IMPORT CO"),
                trader("haian-coffee", Role.BENEFICIARY, "HAI AN COFFEE EXPORT JSC"),
                trader("energia-limpa", Role.APPLICANT, "ENERGIA LIMPA DISTRIBUIDORA SA"),
                trader("ningbo-sunrise", Role.BENEFICIARY, "NINGBO SUNRISE PHOTOVOLTAIC CO LTD"));
    }

    private static PartySpec bank(String name, String bic) {
        return new PartySpec(name, Set.of(Role.BANK), bic, null);
    }

    private static PartySpec trader(String name, Role role, String legalName) {
        return new PartySpec(name, Set.of(role), null, legalName);
    }
}
