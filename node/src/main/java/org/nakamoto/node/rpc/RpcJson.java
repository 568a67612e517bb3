package org.nakamoto.node.rpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import org.nakamoto.chain.model.Amount;
import org.nakamoto.chain.model.Hash256;

/**
 * The one Jackson configuration for RPC traffic. ObjectMapper is thread-safe once configured, so a
 * single shared instance serves every worker thread.
 * <ul>
 * <li>Floats are read as BigDecimal: an amount such as 0.1 must reach the handler as the exact decimal
 * the caller wrote, never a double.</li>
 * <li>Trailing tokens after the request are a parse error, as in Core's UniValue::read.</li>
 * <li>BigDecimal is written plain (0.00000001, not 1E-8), as Core prints amounts.</li>
 * <li>Amount serialises as coins with 8 decimals and Hash256 as its display hex, so handlers may
 * return model objects directly.</li>
 * </ul>
 */
public final class RpcJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .addModule(new SimpleModule("nakamoto-rpc")
                    .addSerializer(Hash256.class, ToStringSerializer.instance)
                    .addSerializer(Amount.class, new AmountSerializer()))
            .build();

    private RpcJson() {
    }

    /**
     * The command-line rule for one argument: its JSON value when the whole text parses as JSON, else the
     * text as a JSON string. So {@code 1000}, {@code true} and {@code [1,2]} are typed, {@code abc} is a string,
     * and {@code '"123"'} forces a string. Used by nakamoto-cli and by the examples in help.
     */
    public static JsonNode parseArg(String text) {
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n != null && !n.isMissingNode()) {
                return n;
            }
        } catch (JsonProcessingException e) {
            // not JSON: a plain string
        }
        return TextNode.valueOf(text);
    }

    private static final class AmountSerializer extends JsonSerializer<Amount> {
        @Override
        public void serialize(Amount value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeNumber(value.toCoins());
        }
    }
}
