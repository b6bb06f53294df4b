import "antd/dist/reset.css";
import "./app/app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.tsx";
import { I18nProvider } from "./i18n/i18n-provider.tsx";

const root = document.getElementById("root");
if (root === null) throw new Error("index.html lacks <div id=\"root\">");

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
