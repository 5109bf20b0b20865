namespace CltvDashboard.TestSupport.Simulation;

/// <summary>
/// Receives one simulated transaction row. The identifier is only valid during the call: it points into a buffer
/// reused for every row, which spares a string per customer on large runs.
/// </summary>
/// <param name="customerId">The customer's identifier, such as <c>C0000001</c>.</param>
/// <param name="timestamp">When the purchase happened, at minute resolution.</param>
/// <param name="amount">The purchase's value, rounded to the cent; 0 or more.</param>
public delegate void SimulatedTransactionHandler(ReadOnlySpan<char> customerId, DateTime timestamp, decimal amount);
