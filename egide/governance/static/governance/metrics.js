// Draws the decision charts from the JSON block of the page (no inline script; the tables
// beside the charts carry the same figures for everyone, with or without JavaScript).
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("metrics-data");
  if (!source || typeof window.Chart === "undefined") return;
  const charts = JSON.parse(source.textContent);
  charts.forEach((chart) => {
    const canvas = document.getElementById("chart-" + chart.id);
    if (!canvas) return;
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.months,
        datasets: [
          { label: "Acceptées (%)", data: chart.acceptance, backgroundColor: "#1d6b32" },
          { label: "Modifiées (%)", data: chart.edit, backgroundColor: "#b36b00" },
          { label: "Rejetées (%)", data: chart.rejection, backgroundColor: "#a4161a" },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, min: 0, max: 100, title: { display: true, text: "%" } } },
        plugins: { title: { display: true, text: chart.title } },
      },
    });
  });
});
