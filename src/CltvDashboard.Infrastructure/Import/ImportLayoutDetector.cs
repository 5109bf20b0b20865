namespace CltvDashboard.Infrastructure.Import;

/// <summary>Recognises common store and payment exports from their header row.</summary>
internal static class ImportLayoutDetector
{
    private static readonly string[] CustomerNames =
        ["customerid", "customer", "customerno", "customernumber", "clientid", "client", "userid", "buyerid", "memberid", "customeremail", "email"];

    private static readonly string[] DateNames =
        ["date", "orderdate", "transactiondate", "purchasedate", "invoicedate", "createdat", "created", "timestamp", "datetime", "paidat", "time"];

    private static readonly string[] AmountNames =
        ["amount", "total", "ordertotal", "revenue", "value", "sales", "netsales", "totalamount", "grandtotal", "spend", "price"];

    private static readonly string[] EmailNames = ["email", "customeremail", "emailaddress", "billingemail"];

    private static readonly string[] OrderNames = ["orderid", "order", "ordernumber", "orderno", "invoiceno", "invoice", "invoiceid", "transactionid", "id"];

    /// <summary>Headers compared as their letters and digits in lower case: "Customer ID", "customer_id" and "CustomerID" are one name.</summary>
    public static string Normalize(string header)
    {
        Span<char> buffer = stackalloc char[Math.Min(header.Length, 128)];
        var length = 0;
        foreach (var c in header)
        {
            if (char.IsLetterOrDigit(c) && length < buffer.Length)
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }

    public static ImportLayoutPlan? Detect(IReadOnlyList<string> columns)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            index.TryAdd(Normalize(columns[i]), i);
        }

        int Find(params string[] names)
        {
            foreach (var name in names)
            {
                if (index.TryGetValue(name, out var ordinal))
                {
                    return ordinal;
                }
            }

            return -1;
        }

        bool Has(params string[] names) => names.All(index.ContainsKey);

        // A bare "name" column is left alone: in line-item exports it is as often the product's.
        int[] NameColumns() => Find("customername", "fullname", "billingname") is var full and >= 0
            ? [full]
            : Present(Find("firstname", "billingfirstname"), Find("lastname", "billinglastname"));

        if (Has("name", "financialstatus", "createdat", "total", "lineitemquantity"))
        {
            return new ImportLayoutPlan
            {
                Layout = ImportLayout.Shopify,
                Columns = columns,
                Customer = [Find("email")],
                Date = Find("createdat"),
                Amount = Find("total"),
                Quantity = Find("lineitemquantity"),
                Refunded = Find("refundedamount"),
                Currency = Find("currency"),
                OrderReference = Find("name"),
                Channel = Find("source"),
                Status = Find("financialstatus"),
                CancelledAt = Find("cancelledat"),
                TestMarker = Find("paymentmethod", "paymentgatewaynames"),
                Email = Find("email"),
                ContactName = Present(Find("billingname")),
                GroupByOrder = true,
            };
        }

        if (Has("createdutc", "amount", "amountrefunded"))
        {
            return new ImportLayoutPlan
            {
                Layout = ImportLayout.Stripe,
                Columns = columns,
                Customer = Present(Find("customerid"), Find("customeremail"), Find("email")),
                Date = Find("createdutc"),
                Amount = Find("amount"),
                Refunded = Find("amountrefunded"),
                Currency = Find("currency"),
                OrderReference = Find("id", "paymentintentid"),
                Channel = Find("source"),
                Status = Find("status"),
                Captured = Find("captured"),
                TestMarker = Find("mode", "livemode"),
                Email = Find("customeremail", "email"),
                DateIsUtc = true,
            };
        }

        if (Has("date", "time") && (Has("totalcollected") || Has("netsales")) && (Has("transactionid") || Has("paymentid")))
        {
            return new ImportLayoutPlan
            {
                Layout = ImportLayout.Square,
                Columns = columns,
                Customer = Present(Find("customerid"), Find("customerreferenceid")),
                Date = Find("date"),
                Time = Find("time"),
                Amount = Find("totalcollected", "netsales"),
                Refunded = Find("partialrefunds"),
                Currency = Find("currency"),
                OrderReference = Find("transactionid", "paymentid"),
                Channel = Find("source", "location"),
                Status = Find("eventtype"),
            };
        }

        var wooAmount = Find("ordertotal", "ordertotalamount", "total");
        var wooCustomer = Present(
            Find("billingemail", "billingemailaddress", "emailbilling", "customeremail"), Find("customeruserid", "customerid"));
        if (Has("orderstatus") && Find("orderdate", "datecreated", "orderdatecreated") >= 0 && wooAmount >= 0 && wooCustomer.Length > 0)
        {
            return new ImportLayoutPlan
            {
                Layout = ImportLayout.WooCommerce,
                Columns = columns,
                Customer = wooCustomer,
                Date = Find("orderdate", "datecreated", "orderdatecreated"),
                Amount = wooAmount,
                Quantity = Find("quantity", "itemquantity", "qty"),
                Refunded = Find("orderrefund", "orderrefundamount", "refundamount", "refundedamount", "totalrefunded", "refunds"),
                Currency = Find("ordercurrency", "currency"),
                OrderReference = Find("orderid", "ordernumber"),
                Channel = Find("createdvia", "paymentmethodtitle", "paymentmethod"),
                Status = Find("orderstatus"),
                Email = Find("billingemail", "billingemailaddress", "emailbilling", "customeremail"),
                ContactName = Present(Find("billingfirstname", "firstnamebilling"), Find("billinglastname", "lastnamebilling")),
                GroupByOrder = Find("orderid", "ordernumber") >= 0,
            };
        }

        var customer = Find(CustomerNames);
        var date = Find(DateNames);
        var quantity = Find("quantity", "qty", "units");
        var unitPrice = Find("unitprice", "priceeach", "itemprice", "price");
        var amount = Find(AmountNames.Where(n => n != "price").ToArray());
        if (customer >= 0 && date >= 0 && amount < 0 && quantity >= 0 && unitPrice >= 0)
        {
            var invoice = Find(OrderNames);
            return new ImportLayoutPlan
            {
                Layout = ImportLayout.LineItems,
                Columns = columns,
                Customer = [customer],
                Date = date,
                Quantity = quantity,
                UnitPrice = unitPrice,
                Currency = Find("currency"),
                OrderReference = invoice,
                // Never a country: where customers live is not how they were acquired; the review offers it for the user to choose.
                Channel = Find("channel", "source"),
                Status = Find("status"),
                Email = Find(EmailNames),
                ContactName = NameColumns(),
                GroupByOrder = invoice >= 0,
                SumLineItems = true,
            };
        }

        amount = amount >= 0 ? amount : Find("price");
        if (customer >= 0 && date >= 0 && amount >= 0)
        {
            return new ImportLayoutPlan
            {
                Layout = ImportLayout.Simple,
                Columns = columns,
                Customer = [customer],
                Date = date,
                Amount = amount,
                Quantity = quantity,
                Currency = Find("currency"),
                OrderReference = Find(OrderNames),
                Channel = Find("channel", "source"),
                Status = Find("status"),
                Email = Find(EmailNames),
                ContactName = NameColumns(),
            };
        }

        return null;
    }

    public static ImportLayoutPlan FromMapping(IReadOnlyList<string> columns, ColumnMapping mapping)
    {
        int Required(string header, string part) => Ordinal(columns, header) is var i and >= 0
            ? i
            : throw new ImportFileException(
                ImportFailure.MissingColumn,
                $"The {part} column '{header}' is not in the file; its columns are {string.Join(", ", columns.Select(c => $"'{c}'"))}.");

        int Optional(string? header, string part) => header is null ? -1 : Required(header, part);

        return new ImportLayoutPlan
        {
            Layout = ImportLayout.Mapped,
            Columns = columns,
            Customer = [Required(mapping.Customer, "customer")],
            Date = Required(mapping.Date, "date"),
            Time = Optional(mapping.Time, "time"),
            Amount = Required(mapping.Amount, "amount"),
            Quantity = Optional(mapping.Quantity, "quantity"),
            Currency = Optional(mapping.Currency, "currency"),
            OrderReference = Optional(mapping.OrderReference, "order reference"),
            Channel = Optional(mapping.Channel, "channel"),
            Status = Optional(mapping.Status, "status"),
            Email = Optional(mapping.Email, "e-mail"),
            ContactName = mapping.Name is null ? [] : [Required(mapping.Name, "name")],
        };
    }

    /// <summary>A detected layout with the acquisition channel read from another column the user chose.</summary>
    /// <exception cref="ImportFileException">The column is not in the file.</exception>
    public static ImportLayoutPlan WithChannel(ImportLayoutPlan plan, IReadOnlyList<string> columns, string channel) => plan with
    {
        Channel = Ordinal(columns, channel) is var i and >= 0
            ? i
            : throw new ImportFileException(
                ImportFailure.MissingColumn, $"The channel column '{channel}' is not in the file; its columns are {string.Join(", ", columns.Select(c => $"'{c}'"))}."),
    };

    private static int Ordinal(IReadOnlyList<string> columns, string header)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Trim(), header.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static int[] Present(params int[] ordinals) => ordinals.Where(o => o >= 0).ToArray();
}
