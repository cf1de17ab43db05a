package io.imcredits.subscription;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "plan")
public class CatalogPlan extends PanacheEntityBase {

    @Id
    public String code;

    public String name;

    public int rank;
}
