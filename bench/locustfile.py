"""Locust users for bench/load_bench.py: citizens browse and search; editors save and publish.

Each editor edits its own commitment (two people on one item is the stale-form refusal's
case, tested in tests/editorial/test_stale_forms.py) and appends every text it saved to the
file named by LOAD_BENCH_SAVED, so the bench can check afterwards that none was lost.
"""

import os
import random
import re

from locust import HttpUser, between, task

SEARCHES = ["educación", "salud", "cobertura", "ODS 4", "encuentro", "vías rurales", "mujer"]
PASSWORD = os.environ.get("LOAD_BENCH_PASSWORD", "")
SAVED_LOG = os.environ.get("LOAD_BENCH_SAVED", "")
EDITOR_COMMITMENTS = [pk for pk in os.environ.get("LOAD_BENCH_COMMITMENTS", "").split(",") if pk]


def hidden(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    return match.group(1) if match else ""


class Citizen(HttpUser):
    weight = 8
    wait_time = between(0.2, 1.0)

    @task(4)
    def home(self):
        self.client.get("/")

    @task(3)
    def indicators(self):
        self.client.get("/indicadores/")

    @task(3)
    def search(self):
        self.client.get("/buscar/", params={"q": random.choice(SEARCHES)}, name="/buscar/?q=")

    @task(2)
    def suggestions(self):
        self.client.get("/buscar/sugerencias/", params={"q": "edu"}, name="/buscar/sugerencias/")

    @task(2)
    def sdg(self):
        self.client.get("/ods/4/")

    @task(2)
    def documents(self):
        self.client.get("/documentos/")

    @task(1)
    def open_data(self):
        self.client.get("/datos/indicadores.csv")


class Editor(HttpUser):
    weight = 1
    wait_time = between(0.5, 1.5)
    fixed_count = len(EDITOR_COMMITMENTS)
    editors_started = 0

    def on_start(self):
        Editor.editors_started += 1
        self.number = Editor.editors_started
        self.commitment = EDITOR_COMMITMENTS[(self.number - 1) % len(EDITOR_COMMITMENTS)]
        self.saves = 0
        login = self.client.get("/admin/login/")
        self.client.post(
            "/admin/login/",
            {
                "username": f"carga{self.number}",
                "password": PASSWORD,
                "csrfmiddlewaretoken": hidden(login.text, "csrfmiddlewaretoken"),
            },
        )

    @task
    def save_and_publish(self):
        url = f"/admin/snippets/rendicion/commitment/edit/{self.commitment}/"
        form = self.client.get(url, name="/admin/…/commitment/edit/ (GET)")
        html = form.text
        self.saves += 1
        text = f"Compromiso de carga {self.number}, versión {self.saves}"
        data = {
            "csrfmiddlewaretoken": hidden(html, "csrfmiddlewaretoken"),
            "loaded_revision_id": hidden(html, "loaded_revision_id"),
            "loaded_revision_created_at": hidden(html, "loaded_revision_created_at"),
            "text": text,
            "department": os.environ["LOAD_BENCH_DEPARTMENT"],
            "due_date": "2027-06-30",
            "status": "pending",
            "origin_page": "",
            "evidence": "",
            "evidence_document": "",
            "go_live_at": "",
            "expire_at": "",
        }
        if self.saves % 2 == 0:
            data["action-publish"] = "action-publish"
        if form.status_code != 200:
            return
        with self.client.post(
            url, data, name="/admin/…/commitment/edit/ (POST)", catch_response=True
        ) as response:
            if response.status_code != 200 or "Otra persona guardó" in response.text:
                response.failure(f"not saved: {response.status_code}")
                return
            with open(SAVED_LOG, "a", encoding="utf-8") as log:
                log.write(f"{self.commitment}\t{text}\n")
