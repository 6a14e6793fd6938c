package dev.gatehouse.archfixture.clean.adapter.out.jose;

import com.nimbusds.jose.JWSAlgorithm;
import dev.gatehouse.archfixture.clean.application.widget.port.out.WidgetSigner;
import dev.gatehouse.archfixture.clean.domain.widget.Widget;

/** Fixture: the JOSE adapter, the only place nimbus-jose-jwt is used. */
public final class NimbusWidgetSigner implements WidgetSigner {

    @Override
    public String sign(Widget widget) {
        return JWSAlgorithm.RS256.getName() + ":" + widget.id().value();
    }
}
