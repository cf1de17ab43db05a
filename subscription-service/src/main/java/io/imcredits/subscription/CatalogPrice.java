package io.imcredits.subscription;

import java.io.Serializable;
import java.math.BigDecimal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The recurring price of a plan (per agent) or standard add-on (per unit) in one currency. */
@Entity
@Table(name = "catalog_price")
@IdClass(CatalogPrice.Key.class)
public class CatalogPrice extends PanacheEntityBase {

    public record Key(String itemCode, String currency) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "item_code")
    public String itemCode;

    @Id
    public String currency;

    public BigDecimal monthly;

    public BigDecimal yearly;
}
