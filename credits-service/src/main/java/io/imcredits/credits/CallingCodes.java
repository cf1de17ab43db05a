package io.imcredits.credits;

import java.util.List;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The destination country of an E.164 number, from libphonenumber's numbering plans (all calling codes, and the
 * area codes that tell Canada from the US under +1). In memory: every region's metadata is read from the jar at startup.
 */
public final class CallingCodes {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final String UNKNOWN = "ZZ";

    private CallingCodes() {}

    /** Reads every region's numbering plan from the jar at startup, so that no debit waits for it. */
    @ApplicationScoped
    static class Preload {
        void onStart(@Observes StartupEvent start) {
            PHONES.getSupportedRegions().forEach(PHONES::getExampleNumber);
        }
    }

    /** "+919876543210" is IN; a number of no country (an unknown or non-geographic code) is empty. */
    public static Optional<String> country(String e164) {
        return parse(e164).map(number -> region(number, null)).filter(region -> !region.equals(UNKNOWN));
    }

    /**
     * The country a message is priced for. Given a number (to), its country, which the caller's country must not
     * contradict: the price is the destination's, not whatever the caller declares. Without a number, the declared country.
     *
     * @throws Unprocessable when the declared country is not the number's
     */
    public static String destination(String declared, String to) {
        if (to == null) return declared;
        Optional<PhoneNumber> number = parse(to);
        if (number.isEmpty()) return declared != null ? declared : MessagePricing.ANY_COUNTRY; // no plan knows it: nothing to check
        String region = region(number.get(), declared);
        if (declared != null && !declared.equals(region)) {
            throw new Unprocessable("The number " + to + " is in " + (region.equals(UNKNOWN) ? "no country" : region) + ", not "
                    + declared + ": leave country out, or give the number's country");
        }
        return region.equals(UNKNOWN) ? MessagePricing.ANY_COUNTRY : region;
    }

    /**
     * The number's region by its numbering plan; a number no plan recognises (a reserved or fictional range) falls
     * back to its calling code: the declared country if it shares that code (+1 is the US and Canada), else the main one.
     */
    private static String region(PhoneNumber number, String declared) {
        String region = PHONES.getRegionCodeForNumber(number);
        if (region != null && !region.equals("001")) return region;
        List<String> sharing = PHONES.getRegionCodesForCountryCode(number.getCountryCode());
        if (declared != null && sharing.contains(declared)) return declared;
        String main = PHONES.getRegionCodeForCountryCode(number.getCountryCode());
        return main.equals("001") ? UNKNOWN : main;
    }

    private static Optional<PhoneNumber> parse(String e164) {
        try {
            return Optional.of(PHONES.parse(e164, UNKNOWN));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
